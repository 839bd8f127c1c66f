#pragma once

// Yahoo's v7 quote endpoint wants a session: a cookie and a "crumb" derived from it, sent together
// (Cookie header + &crumb=). The handshake is two requests:
//
//   GET {crumb_base_url}/            (https://fc.yahoo.com: answers 404, but sets the A1/A3 cookies)
//   GET {base_url}/v1/test/getcrumb  with Cookie: A3=...  -> 200 text/plain, the crumb (11 characters)
//
// The pair is kept in the host's per-source cache, so the handshake is done once for many quote calls
// and by one source instance for all its threads; a quote answered 401 (Yahoo dropped the crumb) makes
// the caller renew it. Two threads that find the cache empty at once both shake hands: harmless, both
// pairs are valid and the last one stays cached.
//
// The cookie and the crumb are credentials: they never appear in an error message or a log line.

#include <chrono>
#include <string>
#include <utility>

#include <pricefeed/host.hpp>

#include "yahoo-api/YahooEndpointConfig.hpp"

namespace pricefeed::yahoo {

struct YahooCredentials {
  std::string cookie;  // the Cookie header's value: "A3=d=AQABBK...; A1=..."
  std::string crumb;
};

class YahooCrumbSession {
 public:
  // Yahoo's cookie lives a year; a day keeps a silently rotated crumb from lingering for long (a 401
  // renews it sooner anyway) while costing two requests a day.
  static constexpr std::chrono::hours kTimeToLive{24};
  static constexpr const char* kCacheKey = "yahoo.quote-session";

  // label starts every error message ("yahoo", "commodities"); config must outlive the session.
  YahooCrumbSession(const YahooEndpointConfig& config, std::string label)
      : config_(config), label_(std::move(label)) {}

  // The cached pair, or a new one from the handshake.
  YahooCredentials current(const Host& host) const;
  // A new pair from the handshake, replacing the cached one (after Yahoo refused the old crumb).
  YahooCredentials renew(const Host& host) const;

 private:
  std::string fetch_cookie(const Host& host) const;
  std::string fetch_crumb(const Host& host, const std::string& cookie) const;

  const YahooEndpointConfig& config_;
  const std::string label_;
};

}  // namespace pricefeed::yahoo
