#pragma once

// Where a Yahoo Finance client sends its requests and how it presents itself: the keys of a source's
// [sources.X] table that every plugin reading Yahoo's API shares (yahoo, commodities). See
// docs/sources/yahoo.md.

#include <string>

#include <pricefeed/config.hpp>

namespace pricefeed::yahoo {

// Yahoo answers non-browser clients with 403/429 far more readily, so the default looks like a
// current desktop browser. Operators can set their own with user_agent.
inline constexpr const char* kBrowserUserAgent =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36";

// Yahoo's cookie host: GET / answers 404 and sets the A1/A3 cookies that /v1/test/getcrumb wants.
inline constexpr const char* kYahooCookieUrl = "https://fc.yahoo.com";

struct YahooEndpointConfig {
  // base_url, required: "https://query1.finance.yahoo.com" or the sandbox. Chart, quote and getcrumb.
  std::string base_url;
  // crumb_base_url: the cookie host of the v7 quote endpoint's handshake (GET {crumb_base_url}/ sets
  // the cookie). Default: https://fc.yahoo.com when base_url is Yahoo's own *.finance.yahoo.com, else
  // base_url itself (the sandbox and test servers serve GET / with Set-Cookie next to the API).
  std::string crumb_base_url;
  std::string user_agent = kBrowserUserAgent;

  // Throws Error::invalid_config naming the key.
  static YahooEndpointConfig from(const Config& config);
};

}  // namespace pricefeed::yahoo
