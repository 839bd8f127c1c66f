#pragma once

// A tiny stand-in for the pricefeed host, seen from a plugin through the real C ABI: the plugin is
// loaded with dlopen and given a host table whose http service answers from canned bodies keyed by
// URL (no network) and records what was asked. Thread-safe, like the real host's services.

#include <dlfcn.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <pricefeed/sdk.h>

namespace pricefeed::yahoo::test {

struct CannedAnswer {
  int status = 200;
  std::string body;
};

struct RecordedRequest {
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;

  std::optional<std::string> header(const std::string& name) const {
    for (const auto& [key, value] : headers)
      if (key == name) return value;
    return std::nullopt;
  }
};

struct UnavailablePart {
  std::int64_t start;
  std::int64_t end;
  std::string reason;
};

// Everything one call into the plugin saw and produced. Handed to the plugin as its opaque
// pricefeed_call_host_owned*.
struct TestCall {
  class TestHost* host = nullptr;
  std::vector<RecordedRequest> requests;
  std::vector<pricefeed_bar> bars;
  std::vector<pricefeed_action> actions;
  std::vector<UnavailablePart> unavailable;
  std::vector<std::string> errors;  // every set_error, in order
  std::vector<std::string> logs;
  std::int64_t retry_after_ms = -1;
  std::size_t responses_released = 0;
  std::vector<std::unique_ptr<std::pair<pricefeed_http_response_host_owned, std::string>>> responses;
  // is_cancelled answers yes once this many HTTP requests were made.
  std::optional<std::size_t> cancel_after_requests;
  // The bars sink answers STOP once it has this many bars.
  std::optional<std::size_t> stop_after_bars;

  pricefeed_call_host_owned* handle() { return reinterpret_cast<pricefeed_call_host_owned*>(this); }
  std::string last_error() const { return errors.empty() ? std::string() : errors.back(); }
};

class TestHost {
 public:
  // A URL without a canned answer gets this one; by default a 599 that no test expects.
  using Responder = std::function<CannedAnswer(const std::string& url)>;

  explicit TestHost(const char* plugin_path) {
    library_ = dlopen(plugin_path, RTLD_NOW | RTLD_LOCAL);
    if (library_ == nullptr) throw std::runtime_error(std::string("dlopen failed: ") + dlerror());
    auto version = reinterpret_cast<pricefeed_abi_version_fn>(dlsym(library_, PRICEFEED_ABI_VERSION_SYMBOL));
    auto entry = reinterpret_cast<pricefeed_plugin_entry_fn>(dlsym(library_, PRICEFEED_PLUGIN_ENTRY_SYMBOL));
    if (version == nullptr || entry == nullptr) throw std::runtime_error("entry symbols missing");
    abi_version_ = version();
    api_ = make_api();
    if (entry(&api_, &descriptor_) != 0 || descriptor_ == nullptr) throw std::runtime_error("entry refused");
  }
  ~TestHost() {
    if (library_ != nullptr) dlclose(library_);
  }
  TestHost(const TestHost&) = delete;
  TestHost& operator=(const TestHost&) = delete;

  const pricefeed_source_descriptor& descriptor() const { return *descriptor_; }
  std::uint32_t abi_version() const { return abi_version_; }

  void answer(const std::string& url, CannedAnswer answer) {
    std::lock_guard lock(mutex_);
    canned_[url] = std::move(answer);
  }
  void otherwise(Responder responder) {
    std::lock_guard lock(mutex_);
    otherwise_ = std::move(responder);
  }
  // Makes http return RATE_LIMITED, as the host does for 429 or a source in cooldown.
  void rate_limit_everything(std::int64_t retry_after_ms) { rate_limited_ms_ = retry_after_ms; }
  void set_now(std::int64_t unix_seconds) { now_ms_ = unix_seconds * 1000; }

  // create(); the instance is destroyed with the host's owner (see Instance).
  pricefeed_status create(const std::string& config_json, TestCall& call,
                          pricefeed_instance_plugin_owned** instance) {
    call.host = this;
    return descriptor_->create(call.handle(), {config_json.data(), config_json.size()}, instance);
  }

  pricefeed_status fetch_history(pricefeed_instance_plugin_owned* instance, TestCall& call,
                                 const std::string& symbol, const std::string& source_id,
                                 std::uint32_t asset_class, std::uint32_t resolution, std::int64_t start,
                                 std::int64_t end) {
    call.host = this;
    pricefeed_history_request request{};
    request.struct_size = sizeof(request);
    request.symbol = {symbol.data(), symbol.size()};
    request.source_id = {source_id.data(), source_id.size()};
    request.asset_class = asset_class;
    request.resolution = resolution;
    request.start = start;
    request.end = end;
    pricefeed_history_sink sink{};
    sink.struct_size = sizeof(sink);
    sink.host_state = &call;
    sink.bars = &on_bars;
    sink.action = &on_action;
    sink.unavailable = &on_unavailable;
    return descriptor_->fetch_history(instance, call.handle(), &request, &sink);
  }

 private:
  static TestCall& call_of(pricefeed_call_host_owned* call) { return *reinterpret_cast<TestCall*>(call); }
  static std::string text(pricefeed_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }

  pricefeed_host_api make_api() {
    pricefeed_host_api api{};
    api.struct_size = sizeof(api);
    api.abi_version = PRICEFEED_ABI_VERSION;
    api.log = [](pricefeed_call_host_owned* call, int32_t, pricefeed_str message, const pricefeed_kv*,
                 size_t) { call_of(call).logs.push_back(text(message)); };
    api.set_error = [](pricefeed_call_host_owned* call, pricefeed_str message) {
      call_of(call).errors.push_back(text(message));
    };
    api.set_retry_after = [](pricefeed_call_host_owned* call, int64_t ms) {
      call_of(call).retry_after_ms = ms;
    };
    api.http = &on_http;
    api.http_release = [](pricefeed_call_host_owned* call, pricefeed_http_response_host_owned*) {
      ++call_of(call).responses_released;
    };
    api.now_ms = [](pricefeed_call_host_owned* call) { return call_of(call).host->now_ms_; };
    api.is_cancelled = [](pricefeed_call_host_owned* call) -> int32_t {
      const TestCall& c = call_of(call);
      return c.cancel_after_requests && c.requests.size() >= *c.cancel_after_requests ? 1 : 0;
    };
    api.cache_get = [](pricefeed_call_host_owned*, pricefeed_str, pricefeed_receive_str, void*) -> int32_t {
      return 0;
    };
    api.cache_put = [](pricefeed_call_host_owned*, pricefeed_str, pricefeed_str, int64_t) {};
    return api;
  }

  static pricefeed_status on_http(pricefeed_call_host_owned* handle, const pricefeed_http_request* request,
                                  pricefeed_http_response_host_owned** response) {
    TestCall& call = call_of(handle);
    TestHost& host = *call.host;
    RecordedRequest recorded{text(request->method), text(request->url), {}};
    for (size_t i = 0; i < request->header_count; ++i) {
      recorded.headers.emplace_back(text(request->headers[i].key), text(request->headers[i].value));
    }
    call.requests.push_back(recorded);
    if (host.rate_limited_ms_ > 0) {
      const std::string message = "yahoo is rate limited (test host)";
      call.errors.push_back(message);
      call.retry_after_ms = host.rate_limited_ms_;
      return PRICEFEED_RATE_LIMITED;
    }
    CannedAnswer answer;
    {
      std::lock_guard lock(host.mutex_);
      auto it = host.canned_.find(recorded.url);
      answer = it != host.canned_.end() ? it->second
               : host.otherwise_        ? host.otherwise_(recorded.url)
                                        : CannedAnswer{599, "no canned answer for " + recorded.url};
    }
    auto owned = std::make_unique<std::pair<pricefeed_http_response_host_owned, std::string>>();
    owned->second = std::move(answer.body);
    owned->first.struct_size = sizeof(pricefeed_http_response_host_owned);
    owned->first.status_code = answer.status;
    owned->first.body = {owned->second.data(), owned->second.size()};
    *response = &owned->first;
    call.responses.push_back(std::move(owned));
    return PRICEFEED_OK;
  }

  static pricefeed_flow on_bars(void* state, const pricefeed_bar* bars, size_t count, size_t element_size) {
    TestCall& call = *static_cast<TestCall*>(state);
    const auto* bytes = reinterpret_cast<const unsigned char*>(bars);
    for (size_t i = 0; i < count; ++i) {
      pricefeed_bar bar{};
      std::memcpy(&bar, bytes + i * element_size, std::min(element_size, sizeof(bar)));
      call.bars.push_back(bar);
    }
    return call.stop_after_bars && call.bars.size() >= *call.stop_after_bars ? PRICEFEED_STOP
                                                                             : PRICEFEED_CONTINUE;
  }
  static pricefeed_flow on_action(void* state, const pricefeed_action* action) {
    static_cast<TestCall*>(state)->actions.push_back(*action);
    return PRICEFEED_CONTINUE;
  }
  static pricefeed_flow on_unavailable(void* state, int64_t start, int64_t end, pricefeed_str reason) {
    static_cast<TestCall*>(state)->unavailable.push_back({start, end, text(reason)});
    return PRICEFEED_CONTINUE;
  }

  void* library_ = nullptr;
  std::uint32_t abi_version_ = 0;
  pricefeed_host_api api_{};
  const pricefeed_source_descriptor* descriptor_ = nullptr;
  std::mutex mutex_;
  std::map<std::string, CannedAnswer> canned_;
  Responder otherwise_;
  std::int64_t rate_limited_ms_ = 0;
  std::int64_t now_ms_ = 0;
};

}  // namespace pricefeed::yahoo::test
