#include "forex/ForexSourceConfig.hpp"

#include <pricefeed/error.hpp>

#include "forex/CurrencyPair.hpp"
#include "upstream/BaseUrl.hpp"

namespace pricefeed::forex {

const char* backend_name(ForexBackend backend) {
  return backend == ForexBackend::ecb ? "ecb" : "frankfurter";
}

ForexSourceConfig ForexSourceConfig::from(const Config& config) {
  ForexSourceConfig out;
  const std::string backend = config.string("backend", "frankfurter");
  if (backend == "frankfurter") {
    out.backend = ForexBackend::frankfurter;
  } else if (backend == "ecb") {
    out.backend = ForexBackend::ecb;
  } else {
    throw Error::invalid_config("backend: expected \"frankfurter\" or \"ecb\", got '" +
                                backend.substr(0, 40) + "'");
  }

  const std::string base_url = config.string("base_url");
  out.base_url = base_url.empty() ? (out.backend == ForexBackend::ecb ? kEcbBaseUrl : kFrankfurterBaseUrl)
                                  : upstream::checked_base_url("base_url", base_url);

  if (config.has("catalog_quotes")) {
    out.catalog_quotes = config.strings("catalog_quotes");
    if (out.catalog_quotes.empty()) {
      throw Error::invalid_config("catalog_quotes: list at least one currency (e.g. [\"USD\"])");
    }
    for (const std::string& code : out.catalog_quotes) {
      if (!is_currency_code(code)) {
        throw Error::invalid_config("catalog_quotes: '" + code.substr(0, 40) +
                                    "' is not a currency code (three capital letters, e.g. USD)");
      }
    }
  }

  out.max_days_per_request = config.integer("max_days_per_request", 0);
  if (out.max_days_per_request < 0) {
    throw Error::invalid_config("max_days_per_request: must be 0 (no limit) or a number of days, got " +
                                std::to_string(out.max_days_per_request));
  }
  return out;
}

}  // namespace pricefeed::forex
