#pragma once

// The keys of a forex instance's [sources.X] table that the plugin reads (the host reads plugin,
// requests_per_minute and burst). See docs/sources/forex.md.

#include <cstdint>
#include <string>
#include <vector>

#include <pricefeed/config.hpp>

namespace pricefeed::forex {

// Where the ECB's reference rates come from: Frankfurter's JSON API (the default), or the ECB Data
// Portal's SDMX API itself.
enum class ForexBackend { frankfurter, ecb };

inline constexpr const char* kFrankfurterBaseUrl = "https://api.frankfurter.dev/v1";
inline constexpr const char* kEcbBaseUrl = "https://data-api.ecb.europa.eu/service";

const char* backend_name(ForexBackend backend);

struct ForexSourceConfig {
  ForexBackend backend = ForexBackend::frankfurter;
  // The API root: Frankfurter's ".../v1", or the ECB's ".../service". Defaults to the backend's own.
  std::string base_url = kFrankfurterBaseUrl;
  // The catalog lists every published currency against each of these (CCYUSD, "Euro / US Dollar").
  std::vector<std::string> catalog_quotes{"USD"};
  // A history range longer than this many days is fetched in pieces; 0: one request per range.
  std::int64_t max_days_per_request = 0;

  // Throws Error::invalid_config naming the key.
  static ForexSourceConfig from(const Config& config);
};

}  // namespace pricefeed::forex
