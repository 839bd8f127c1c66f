#pragma once

// An absolute http(s) URL taken apart into what a request needs: where to connect and what to ask.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

// Connections are pooled per origin: two URLs with the same origin may share a connection.
struct HttpOrigin {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower case; an IPv6 literal without brackets
  std::uint16_t port = 0;

  bool uses_tls() const noexcept { return scheme == "https"; }
  bool is_ip_literal() const;
  bool operator==(const HttpOrigin&) const = default;
  std::string to_string() const;  // "https://example.com:443"
};

struct HttpUrl {
  HttpOrigin origin;
  std::string target;       // "/path?query", never empty; no fragment
  std::string host_header;  // "example.com", "example.com:8443", "[::1]:8080"
  std::string text;         // the whole URL as given (fragment dropped)
};

// Parses an absolute http:// or https:// URL. On failure returns nullopt and says why in `problem`.
// Refused: other schemes, no host, user:password@ (credentials belong in a header), port 0.
std::optional<HttpUrl> parse_http_url(std::string_view url, std::string& problem);

}  // namespace pricefeed::host
