// pricefeed::Host — the host's services as seen from inside one call into the plugin: logging, HTTP
// through the source's rate limiter, the clock, cancellation and a small cache.
//
// THREADS:  a Host may be used from any thread during the call it was made for, several at once: it
//           holds two pointers and changes nothing, and every host service it calls is thread-safe
//           (sdk.h). Share it with your threads or copy it.
// LIFETIME: the call's. It wraps the call's handle, which is gone when the call returns: never keep a
//           Host, or a thread using one, past the call.
#ifndef PRICEFEED_HOST_HPP
#define PRICEFEED_HOST_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pricefeed/error.hpp"
#include "pricefeed/sdk.h"
#include "pricefeed/sinks.hpp"

namespace pricefeed {

enum class LogLevel : std::int32_t {
  debug = PRICEFEED_LOG_DEBUG,
  info = PRICEFEED_LOG_INFO,
  warn = PRICEFEED_LOG_WARN,
  error = PRICEFEED_LOG_ERROR,
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::uint32_t cost = 1;                // rate-limit units (Binance's request weight, for example)
  std::chrono::milliseconds timeout{0};  // zero: the host's default
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  double elapsed_ms = 0;

  // Case-insensitive, as HTTP header names are.
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < key.size() && same; ++i) {
        same = ascii_lower(key[i]) == ascii_lower(name[i]);
      }
      if (same) return value;
    }
    return std::nullopt;
  }

 private:
  static char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }
};

class Host {
 public:
  Host(const pricefeed_host_api* api, pricefeed_call_host_owned* call) : api_(api), call_(call) {}

  void log(LogLevel level, std::string_view message,
           std::initializer_list<std::pair<std::string_view, std::string_view>> fields = {}) const {
    std::vector<pricefeed_kv> kv;
    kv.reserve(fields.size());
    for (const auto& [k, v] : fields)
      kv.push_back(pricefeed_kv{detail::borrow(k), detail::borrow(v)});
    api_->log(call_, static_cast<std::int32_t>(level), detail::borrow(message), kv.data(), kv.size());
  }

  // Any HTTP answer but 429/418 comes back as a response for the plugin to judge (404, 5xx ...);
  // rate limits and network failures throw, already explained to the host.
  HttpResponse http(const HttpRequest& request) const {
    std::vector<pricefeed_kv> headers;
    headers.reserve(request.headers.size());
    for (const auto& [k, v] : request.headers) {
      headers.push_back(pricefeed_kv{detail::borrow(k), detail::borrow(v)});
    }
    pricefeed_http_request c{};
    c.struct_size = sizeof(c);
    c.method = detail::borrow(request.method);
    c.url = detail::borrow(request.url);
    c.headers = headers.data();
    c.header_count = headers.size();
    c.body = detail::borrow(request.body);
    c.cost = request.cost;
    c.timeout_ms = static_cast<std::uint32_t>(request.timeout.count());

    pricefeed_http_response_host_owned* raw = nullptr;
    pricefeed_status status = api_->http(call_, &c, &raw);
    if (status != PRICEFEED_OK || raw == nullptr) {
      throw Error(static_cast<Status>(status == PRICEFEED_OK ? PRICEFEED_TRANSIENT : status),
                  "HTTP " + request.method + " failed")
          .mark_reported_by_host();
    }
    HttpResponse response;
    response.status = raw->status_code;
    response.body.assign(raw->body.data, raw->body.size);
    response.elapsed_ms = raw->elapsed_ms;
    for (std::size_t i = 0; i < raw->header_count; ++i) {
      const pricefeed_kv& h = raw->headers[i];
      response.headers.emplace_back(std::string(h.key.data, h.key.size),
                                    std::string(h.value.data, h.value.size));
    }
    api_->http_release(call_, raw);
    return response;
  }

  std::chrono::system_clock::time_point now() const {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(api_->now_ms(call_)));
  }
  std::int64_t now_seconds() const { return api_->now_ms(call_) / 1000; }

  bool cancelled() const { return api_->is_cancelled(call_) != 0; }

  std::optional<std::string> cache_get(std::string_view key) const {
    std::optional<std::string> value;
    auto receive = [](void* receiver, pricefeed_str v) {
      static_cast<std::optional<std::string>*>(receiver)->emplace(v.data, v.size);
    };
    if (api_->cache_get(call_, detail::borrow(key), receive, &value) == 0) return std::nullopt;
    return value;
  }

  void cache_put(std::string_view key, std::string_view value, std::chrono::milliseconds ttl) const {
    api_->cache_put(call_, detail::borrow(key), detail::borrow(value), ttl.count());
  }

 private:
  const pricefeed_host_api* api_;
  pricefeed_call_host_owned* call_;
};

}  // namespace pricefeed

#endif  // PRICEFEED_HOST_HPP
