#include "host/plugins/HostServices.hpp"

#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "host/log/Log.hpp"
#include "host/plugins/PluginCall.hpp"

namespace pricefeed::host {
namespace {

std::string_view view(pricefeed_str s) {
  return s.data == nullptr ? std::string_view() : std::string_view(s.data, s.size);
}

// A response and the storage its borrowed views point into, freed together by http_release.
struct OwnedResponse : pricefeed_http_response_host_owned {
  SourceHttpResponse data;
  std::vector<pricefeed_kv> header_views;
};

spdlog::level::level_enum to_spdlog(int32_t level) {
  switch (level) {
    case PRICEFEED_LOG_DEBUG:
      return spdlog::level::debug;
    case PRICEFEED_LOG_WARN:
      return spdlog::level::warn;
    case PRICEFEED_LOG_ERROR:
      return spdlog::level::err;
    default:
      return spdlog::level::info;
  }
}

void log(pricefeed_call_host_owned* call, int32_t level, pricefeed_str message, const pricefeed_kv* fields,
         size_t field_count) {
  try {
    LogFields out;
    out.push_back({"source", call->source->name});
    for (size_t i = 0; fields != nullptr && i < field_count; ++i) {
      out.push_back({std::string(view(fields[i].key)), std::string(view(fields[i].value))});
    }
    pricefeed::host::log(to_spdlog(level), view(message), out);
  } catch (const std::exception&) {
    // Logging must never take the plugin's call down with it.
  }
}

void set_error(pricefeed_call_host_owned* call, pricefeed_str message) {
  try {
    call->set_error(view(message));
  } catch (const std::exception&) {
    // Out of memory copying the message: the status the plugin returns still tells.
  }
}

void set_retry_after(pricefeed_call_host_owned* call, int64_t retry_after_ms) {
  if (retry_after_ms >= 0) call->set_retry_after(std::chrono::milliseconds(retry_after_ms));
}

pricefeed_status http(pricefeed_call_host_owned* call, const pricefeed_http_request* request,
                      pricefeed_http_response_host_owned** response) {
  if (response != nullptr) *response = nullptr;
  try {
    if (request == nullptr || response == nullptr || request->struct_size < sizeof(pricefeed_http_request)) {
      call->set_error("plugin passed an invalid HTTP request");
      return PRICEFEED_PERMANENT;
    }
    if (!call->source->http) {
      call->set_error("this host offers no network to plugins in this mode");
      return PRICEFEED_UNSUPPORTED;
    }
    SourceHttpRequest r;
    r.method = request->method.size == 0 ? "GET" : std::string(view(request->method));
    r.url = view(request->url);
    for (size_t i = 0; request->headers != nullptr && i < request->header_count; ++i) {
      r.headers.emplace_back(view(request->headers[i].key), view(request->headers[i].value));
    }
    r.body = view(request->body);
    r.cost = request->cost == 0 ? 1 : request->cost;
    r.timeout = std::chrono::milliseconds(request->timeout_ms);
    r.timeout_doublings = call->timeout_doublings;

    SourceHttpOutcome outcome = call->source->http->send(r);
    call->record_request(outcome);
    if (outcome.status != PRICEFEED_OK || !outcome.response) {
      return outcome.status == PRICEFEED_OK ? PRICEFEED_TRANSIENT : outcome.status;
    }
    auto owned = std::make_unique<OwnedResponse>();
    owned->data = std::move(*outcome.response);
    for (const auto& [k, v] : owned->data.headers) {
      owned->header_views.push_back(pricefeed_kv{{k.data(), k.size()}, {v.data(), v.size()}});
    }
    owned->struct_size = sizeof(pricefeed_http_response_host_owned);
    owned->status_code = owned->data.status;
    owned->body = {owned->data.body.data(), owned->data.body.size()};
    owned->headers = owned->header_views.data();
    owned->header_count = owned->header_views.size();
    owned->elapsed_ms = owned->data.elapsed_ms;
    *response = owned.release();
    return PRICEFEED_OK;
  } catch (const std::exception& e) {
    call->set_error(std::string("host HTTP service failed: ") + e.what());
    return PRICEFEED_TRANSIENT;
  }
}

void http_release(pricefeed_call_host_owned* /*call*/, pricefeed_http_response_host_owned* response) {
  delete static_cast<OwnedResponse*>(response);
}

int64_t now_ms(pricefeed_call_host_owned* call) {
  return call->source->now_ms();
}

int32_t is_cancelled(pricefeed_call_host_owned* call) {
  return call->cancelled != nullptr && call->cancelled->load() ? 1 : 0;
}

int32_t cache_get(pricefeed_call_host_owned* call, pricefeed_str key, pricefeed_receive_str receive,
                  void* receiver) {
  try {
    auto value = call->source->cache.get(view(key), call->source->now_ms());
    if (!value || receive == nullptr) return 0;
    receive(receiver, pricefeed_str{value->data(), value->size()});
    return 1;
  } catch (const std::exception&) {
    return 0;
  }
}

void cache_put(pricefeed_call_host_owned* call, pricefeed_str key, pricefeed_str value, int64_t ttl_ms) {
  try {
    const auto outcome = call->source->cache.put(view(key), view(value), ttl_ms, call->source->now_ms());
    if (outcome == SourceCache::PutOutcome::key_too_long ||
        outcome == SourceCache::PutOutcome::value_too_large) {
      log_warn(outcome == SourceCache::PutOutcome::key_too_long
                   ? "cache_put refused: the key is longer than the host's limit"
                   : "cache_put refused: the value is larger than the host's limit",
               {{"source", call->source->name},
                {"key_bytes", std::to_string(key.size)},
                {"value_bytes", std::to_string(value.size)},
                {"limit_bytes", std::to_string(outcome == SourceCache::PutOutcome::key_too_long
                                                   ? SourceCache::kMaxKeyBytes
                                                   : SourceCache::kMaxValueBytes)}});
    }
  } catch (const std::exception&) {
  }
}

}  // namespace

const pricefeed_host_api* host_services() {
  static const pricefeed_host_api api = [] {
    pricefeed_host_api a{};
    a.struct_size = sizeof(a);
    a.abi_version = PRICEFEED_ABI_VERSION;
    a.log = &log;
    a.set_error = &set_error;
    a.set_retry_after = &set_retry_after;
    a.http = &http;
    a.http_release = &http_release;
    a.now_ms = &now_ms;
    a.is_cancelled = &is_cancelled;
    a.cache_get = &cache_get;
    a.cache_put = &cache_put;
    return a;
  }();
  return &api;
}

}  // namespace pricefeed::host
