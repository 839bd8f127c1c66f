#pragma once

// The keys of a yahoo instance's [sources.X] table that the plugin reads (the host reads the others:
// plugin, requests_per_minute, burst). See docs/sources/yahoo.md.

#include <string>

#include <pricefeed/config.hpp>

namespace pricefeed::yahoo {

// Yahoo answers non-browser clients with 403/429 far more readily, so the default looks like a
// current desktop browser. Operators can set their own with user_agent.
inline constexpr const char* kBrowserUserAgent =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36";

struct YahooSourceConfig {
  std::string base_url;        // required: "https://query1.finance.yahoo.com" or the sandbox
  std::string crumb_base_url;  // where the cookie/crumb handshake of the v7 quote endpoint goes;
                               // defaults to base_url. The chart endpoint (history) needs no crumb.
  std::string user_agent = kBrowserUserAgent;

  // Throws Error::invalid_config naming the key.
  static YahooSourceConfig from(const Config& config);
};

}  // namespace pricefeed::yahoo
