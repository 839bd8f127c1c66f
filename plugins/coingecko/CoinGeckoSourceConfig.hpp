#pragma once

// The keys of a coingecko instance's [sources.X] table that the plugin reads (the host reads plugin,
// requests_per_minute and burst). See docs/sources/coingecko.md.

#include <cstdint>
#include <string>

#include <pricefeed/config.hpp>

namespace pricefeed::coingecko {

// Which of CoinGecko's two APIs the key belongs to. They differ in host, key header and history.
enum class CoinGeckoPlan {
  demo,  // api.coingecko.com, keyless or "x-cg-demo-api-key": history only within the past 365 days
  pro,   // pro-api.coingecko.com, "x-cg-pro-api-key" (a paid plan): full history
};

struct CoinGeckoSourceConfig {
  std::string base_url;  // required: https://api.coingecko.com/api/v3, the Pro host, or the sandbox
  // May be empty (the keyless public API). A secret: it is sent only as a header, and never appears
  // in a URL, a log line or an error message.
  std::string api_key;
  CoinGeckoPlan plan = CoinGeckoPlan::demo;
  // How far back history can be asked; the older part of a request is reported unavailable without
  // asking. 365 on the public and demo API (error 10012 beyond), 0 = no limit (the Pro default).
  std::int64_t history_limit_days = 365;
  // How many coins the catalog lists, by market cap (pages of 250).
  std::int64_t catalog_size = 500;

  // The header that carries api_key ("x-cg-demo-api-key" or "x-cg-pro-api-key").
  const char* key_header() const noexcept;

  // Throws Error::invalid_config naming the key (never quoting api_key's value).
  static CoinGeckoSourceConfig from(const Config& config);
};

}  // namespace pricefeed::coingecko
