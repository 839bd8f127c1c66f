#pragma once

// A tiny stand-in for the pricefeed host, seen from a plugin through the real C ABI: the plugin is
// loaded with dlopen and given a host table whose http service answers from canned bodies keyed by
// URL (no network) and records what was asked, and whose cache is a plain map. Thread-safe, like the
// real host's services. Every plugin's ABI-level tests use it.

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

namespace pricefeed::plugins::test {

struct CannedAnswer {
  using Headers = std::vector<std::pair<std::string, std::string>>;
  // Not an aggregate, so {200, body} needs no headers.
  CannedAnswer(int status_code = 200, std::string text = {}, Headers response_headers = {})
      : status(status_code), body(std::move(text)), headers(std::move(response_headers)) {}

  int status;
  std::string body;
  Headers headers;
};

struct RecordedRequest {
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::uint32_t cost = 0;

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
  std::vector<pricefeed_quote> quotes;
  std::vector<std::string> quote_symbols;  // quotes[i].symbol, copied
  std::vector<std::string> quote_currencies;
  std::vector<pricefeed_asset> assets;
  struct AssetText {
    std::string symbol, source_id, name, exchange, currency;
  };
  std::vector<AssetText> asset_texts;  // assets[i]'s strings, copied
  std::string resolved_id;
  std::vector<std::string> errors;  // every set_error, in order
  std::vector<std::string> logs;
  std::int64_t retry_after_ms = -1;
  std::size_t responses_released = 0;
  struct OwnedResponse {
    pricefeed_http_response_host_owned response{};
    std::string body;
    std::vector<std::pair<std::string, std::string>> header_text;
    std::vector<pricefeed_kv> headers;
  };
  std::vector<std::unique_ptr<OwnedResponse>> responses;
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
  // The same for an answer that depends on more than the URL (a Cookie header, say), such as one
  // forwarded to a running sandbox; it is asked before a URL-only Responder.
  using RequestResponder = std::function<CannedAnswer(const RecordedRequest& request)>;

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
  void otherwise_by_request(RequestResponder responder) {
    std::lock_guard lock(mutex_);
    otherwise_by_request_ = std::move(responder);
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

  // source_ids: parallel to symbols, or empty for "none known".
  pricefeed_status fetch_quotes(pricefeed_instance_plugin_owned* instance, TestCall& call,
                                const std::vector<std::string>& symbols, std::vector<std::string> source_ids,
                                std::uint32_t asset_class) {
    call.host = this;
    source_ids.resize(symbols.size());
    std::vector<pricefeed_str> symbol_views, id_views;
    for (std::size_t i = 0; i < symbols.size(); ++i) {
      symbol_views.push_back({symbols[i].data(), symbols[i].size()});
      id_views.push_back({source_ids[i].data(), source_ids[i].size()});
    }
    pricefeed_quote_request request{};
    request.struct_size = sizeof(request);
    request.symbols = symbol_views.data();
    request.source_ids = id_views.data();
    request.count = symbols.size();
    request.asset_class = asset_class;
    pricefeed_quote_sink sink{};
    sink.struct_size = sizeof(sink);
    sink.host_state = &call;
    sink.quotes = &on_quotes;
    return descriptor_->fetch_quotes(instance, call.handle(), &request, &sink);
  }

  pricefeed_status list_assets(pricefeed_instance_plugin_owned* instance, TestCall& call,
                               std::uint32_t asset_classes) {
    call.host = this;
    pricefeed_asset_sink sink{};
    sink.struct_size = sizeof(sink);
    sink.host_state = &call;
    sink.assets = &on_assets;
    return descriptor_->list_assets(instance, call.handle(), asset_classes, &sink);
  }

  pricefeed_status resolve_symbol(pricefeed_instance_plugin_owned* instance, TestCall& call,
                                  const std::string& symbol, std::uint32_t asset_class) {
    call.host = this;
    return descriptor_->resolve_symbol(instance, call.handle(), {symbol.data(), symbol.size()}, asset_class,
                                       &on_resolved, &call);
  }

  // What the plugin put in the cache (key -> value).
  std::map<std::string, std::string> cache() const {
    std::lock_guard lock(mutex_);
    return cache_;
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
    api.cache_get = [](pricefeed_call_host_owned* call, pricefeed_str key, pricefeed_receive_str receive,
                       void* receiver) -> int32_t {
      TestHost& host = *call_of(call).host;
      std::string value;
      {
        std::lock_guard lock(host.mutex_);
        auto it = host.cache_.find(text(key));
        if (it == host.cache_.end()) return 0;
        value = it->second;
      }
      receive(receiver, {value.data(), value.size()});
      return 1;
    };
    api.cache_put = [](pricefeed_call_host_owned* call, pricefeed_str key, pricefeed_str value, int64_t) {
      TestHost& host = *call_of(call).host;
      std::lock_guard lock(host.mutex_);
      host.cache_[text(key)] = text(value);
    };
    return api;
  }

  static pricefeed_status on_http(pricefeed_call_host_owned* handle, const pricefeed_http_request* request,
                                  pricefeed_http_response_host_owned** response) {
    TestCall& call = call_of(handle);
    TestHost& host = *call.host;
    RecordedRequest recorded{text(request->method), text(request->url), {}, request->cost};
    for (size_t i = 0; i < request->header_count; ++i) {
      recorded.headers.emplace_back(text(request->headers[i].key), text(request->headers[i].value));
    }
    call.requests.push_back(recorded);
    if (host.rate_limited_ms_ > 0) {
      const std::string message = "the source is rate limited (test host)";
      call.errors.push_back(message);
      call.retry_after_ms = host.rate_limited_ms_;
      return PRICEFEED_RATE_LIMITED;
    }
    CannedAnswer answer;
    {
      std::lock_guard lock(host.mutex_);
      auto it = host.canned_.find(recorded.url);
      answer = it != host.canned_.end()      ? it->second
               : host.otherwise_by_request_ ? host.otherwise_by_request_(recorded)
               : host.otherwise_            ? host.otherwise_(recorded.url)
                                            : CannedAnswer{599, "no canned answer for " + recorded.url};
    }
    auto owned = std::make_unique<TestCall::OwnedResponse>();
    owned->body = std::move(answer.body);
    owned->header_text = std::move(answer.headers);
    for (const auto& [key, value] : owned->header_text) {
      owned->headers.push_back({{key.data(), key.size()}, {value.data(), value.size()}});
    }
    owned->response.struct_size = sizeof(pricefeed_http_response_host_owned);
    owned->response.status_code = answer.status;
    owned->response.body = {owned->body.data(), owned->body.size()};
    owned->response.headers = owned->headers.data();
    owned->response.header_count = owned->headers.size();
    *response = &owned->response;
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
  static pricefeed_flow on_quotes(void* state, const pricefeed_quote* quotes, size_t count,
                                  size_t element_size) {
    TestCall& call = *static_cast<TestCall*>(state);
    const auto* bytes = reinterpret_cast<const unsigned char*>(quotes);
    for (size_t i = 0; i < count; ++i) {
      pricefeed_quote quote{};
      std::memcpy(&quote, bytes + i * element_size, std::min(element_size, sizeof(quote)));
      call.quote_symbols.push_back(text(quote.symbol));
      call.quote_currencies.push_back(text(quote.currency));
      quote.symbol = {};
      quote.currency = {};
      call.quotes.push_back(quote);
    }
    return PRICEFEED_CONTINUE;
  }
  static pricefeed_flow on_assets(void* state, const pricefeed_asset* assets, size_t count,
                                  size_t element_size) {
    TestCall& call = *static_cast<TestCall*>(state);
    const auto* bytes = reinterpret_cast<const unsigned char*>(assets);
    for (size_t i = 0; i < count; ++i) {
      pricefeed_asset asset{};
      std::memcpy(&asset, bytes + i * element_size, std::min(element_size, sizeof(asset)));
      call.asset_texts.push_back({text(asset.symbol), text(asset.source_id), text(asset.name),
                                  text(asset.exchange), text(asset.currency)});
      asset.symbol = asset.source_id = asset.name = asset.exchange = asset.currency = {};
      call.assets.push_back(asset);
    }
    return PRICEFEED_CONTINUE;
  }
  static void on_resolved(void* receiver, pricefeed_str id) {
    static_cast<TestCall*>(receiver)->resolved_id = text(id);
  }
  static pricefeed_flow on_unavailable(void* state, int64_t start, int64_t end, pricefeed_str reason) {
    static_cast<TestCall*>(state)->unavailable.push_back({start, end, text(reason)});
    return PRICEFEED_CONTINUE;
  }

  void* library_ = nullptr;
  std::uint32_t abi_version_ = 0;
  pricefeed_host_api api_{};
  const pricefeed_source_descriptor* descriptor_ = nullptr;
  mutable std::mutex mutex_;
  std::map<std::string, CannedAnswer> canned_;
  std::map<std::string, std::string> cache_;
  Responder otherwise_;
  RequestResponder otherwise_by_request_;
  std::int64_t rate_limited_ms_ = 0;
  std::int64_t now_ms_ = 0;
};

}  // namespace pricefeed::plugins::test
