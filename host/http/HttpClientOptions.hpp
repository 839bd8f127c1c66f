#pragma once

// How an HttpClient behaves; the defaults suit the bundled sources.

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

inline constexpr std::string_view kDefaultUserAgent = "pricefeed/0.1.0";

struct HttpClientOptions {
  std::string user_agent{kDefaultUserAgent};  // sent unless the request has its own User-Agent

  // Each of DNS, TCP connect and TLS handshake of one new connection must finish within this
  // (and within the request's own timeout, whichever ends first).
  std::chrono::milliseconds connect_timeout{std::chrono::seconds{10}};
  // Used when a request gives no timeout of its own: the whole call, redirects included.
  std::chrono::milliseconds default_timeout{std::chrono::seconds{30}};

  int max_redirects = 5;                          // redirects followed; one more is an error
  std::size_t max_body_bytes = 64 * 1024 * 1024;  // both as received and once decoded
  std::size_t max_header_bytes = 64 * 1024;

  // Keep-alive connections kept for reuse, per (scheme, host, port) and in all, and for how long.
  std::size_t max_idle_connections_per_origin = 4;
  std::size_t max_idle_connections = 32;
  std::chrono::milliseconds max_idle_time{std::chrono::seconds{60}};

  // Which addresses count as internal: the first hop answering from one may redirect anywhere, a
  // redirect from a public one may not connect to one (RedirectPolicy.hpp). Empty:
  // is_internal_address. Tests replace it to play a public server on 127.0.0.2.
  std::function<bool(const boost::asio::ip::address&)> is_internal_address;

  // Trusted in addition to the system's store (which honours SSL_CERT_FILE and SSL_CERT_DIR): a
  // PEM file with one or more CA certificates, e.g. the sandbox's or a test's own CA.
  std::optional<std::filesystem::path> extra_ca_file;
};

}  // namespace pricefeed::host
