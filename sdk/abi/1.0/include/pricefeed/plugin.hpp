// PRICEFEED_PLUGIN(ClassName): emits the two ABI entry symbols and the C trampolines around a
// pricefeed::Source subclass. No exception ever crosses the ABI: each becomes set_error + a status.
#ifndef PRICEFEED_PLUGIN_HPP
#define PRICEFEED_PLUGIN_HPP

#include <cstddef>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>

#include "pricefeed/config.hpp"
#include "pricefeed/error.hpp"
#include "pricefeed/host.hpp"
#include "pricefeed/records.hpp"
#include "pricefeed/sdk.h"
#include "pricefeed/sinks.hpp"
#include "pricefeed/source.hpp"

namespace pricefeed::detail {

// Set once by the entry point; every instance of this library talks to the same host table.
inline const pricefeed_host_api*& host_api() noexcept {
  static const pricefeed_host_api* api = nullptr;
  return api;
}

// The smallest host table this SDK can use: every member of ABI 1.0.
inline constexpr std::size_t kHostApiV1_0Size =
    offsetof(pricefeed_host_api, cache_put) + sizeof(pricefeed_host_api::cache_put);

inline std::string_view view(pricefeed_str s) noexcept {
  return s.data ? std::string_view(s.data, s.size) : std::string_view();
}

template <class Body>
pricefeed_status firewall(pricefeed_call_host_owned* call, Body&& body) noexcept {
  const pricefeed_host_api* api = host_api();
  auto report = [&](std::string_view message) { api->set_error(call, borrow(message)); };
  try {
    body();
    return PRICEFEED_OK;
  } catch (const Error& e) {
    if (!e.reported_by_host()) {
      report(e.what());
      if (e.retry_after().count() > 0) api->set_retry_after(call, e.retry_after().count());
    }
    return static_cast<pricefeed_status>(e.status());
  } catch (const std::bad_alloc&) {
    report("out of memory");
    return PRICEFEED_TRANSIENT;
  } catch (const std::exception& e) {
    // Anything else is a parser or logic failure on this answer: retrying the same source will not
    // help, so the host moves on to the next one.
    report(std::string("unexpected error: ") + e.what());
    return PRICEFEED_PERMANENT;
  } catch (...) {
    report("unexpected non-standard exception");
    return PRICEFEED_PERMANENT;
  }
}

// Hands over what the plugin pushed on every way out of a call, exceptions included: bars already
// fetched are worth keeping (the host writes them idempotently) even when a later request fails.
template <class Sink>
struct FlushOnExit {
  Sink& sink;
  ~FlushOnExit() {
    try {
      sink.flush();
    } catch (...) {
      // Out of memory while converting the last batch: the call's own status already tells.
    }
  }
};

// The host never asks for what the descriptor does not declare; a request that does is refused
// here, before any plugin code sees an enum value it does not know.
inline bool one_bit_of(std::uint32_t value, std::uint32_t mask) {
  return value != 0 && (value & (value - 1)) == 0 && (value & mask) == value;
}

template <class T>
void check_asset_class(AssetClass asset_class) {
  if (!one_bit_of(static_cast<std::uint32_t>(asset_class), T::info.asset_classes)) {
    throw Error::unsupported(std::string("asset class ") + asset_class_name(asset_class) +
                             " is not served by " + T::info.name);
  }
}

template <class T>
void check_resolution(Resolution resolution) {
  if (!one_bit_of(static_cast<std::uint32_t>(resolution), T::info.resolutions)) {
    std::string name = resolution_name(resolution);
    if (name == "?") name = "mask " + std::to_string(static_cast<std::uint32_t>(resolution));
    throw Error::unsupported("resolution " + name + " is not served by " + T::info.name);
  }
}

template <class T>
struct Trampolines {
  static Source* self(pricefeed_instance_plugin_owned* instance) noexcept {
    return reinterpret_cast<Source*>(instance);
  }

  static pricefeed_status create(pricefeed_call_host_owned* call, pricefeed_str config_json,
                                 pricefeed_instance_plugin_owned** instance) {
    return firewall(call, [&] {
      Host host(host_api(), call);
      Config config = Config::parse(view(config_json));
      Source* source = new T(host, config);
      *instance = reinterpret_cast<pricefeed_instance_plugin_owned*>(source);
    });
  }

  static void destroy(pricefeed_instance_plugin_owned* instance) { delete self(instance); }

  static pricefeed_status fetch_history(pricefeed_instance_plugin_owned* instance,
                                        pricefeed_call_host_owned* call,
                                        const pricefeed_history_request* request,
                                        const pricefeed_history_sink* sink) {
    return firewall(call, [&] {
      HistoryRequest r;
      r.symbol = std::string(view(request->symbol));
      r.source_id = std::string(view(request->source_id));
      r.asset_class = static_cast<AssetClass>(request->asset_class);
      r.resolution = static_cast<Resolution>(request->resolution);
      r.start = request->start;
      r.end = request->end;
      Host host(host_api(), call);
      HistorySink out(sink);
      FlushOnExit<HistorySink> flush_on_exit{out};
      check_asset_class<T>(r.asset_class);
      check_resolution<T>(r.resolution);
      self(instance)->fetch_history(host, r, out);
    });
  }

  static pricefeed_status fetch_quotes(pricefeed_instance_plugin_owned* instance,
                                       pricefeed_call_host_owned* call,
                                       const pricefeed_quote_request* request,
                                       const pricefeed_quote_sink* sink) {
    return firewall(call, [&] {
      QuoteRequest r;
      r.asset_class = static_cast<AssetClass>(request->asset_class);
      for (std::size_t i = 0; i < request->count; ++i) {
        r.symbols.emplace_back(view(request->symbols[i]));
        r.source_ids.emplace_back(request->source_ids ? view(request->source_ids[i]) : std::string_view());
      }
      Host host(host_api(), call);
      QuoteSink out(sink);
      FlushOnExit<QuoteSink> flush_on_exit{out};
      check_asset_class<T>(r.asset_class);
      self(instance)->fetch_quotes(host, r, out);
    });
  }

  static pricefeed_status list_assets(pricefeed_instance_plugin_owned* instance,
                                      pricefeed_call_host_owned* call, std::uint32_t asset_classes,
                                      const pricefeed_asset_sink* sink) {
    return firewall(call, [&] {
      Host host(host_api(), call);
      AssetSink out(sink);
      FlushOnExit<AssetSink> flush_on_exit{out};
      self(instance)->list_assets(host, asset_classes, out);
    });
  }

  static pricefeed_status resolve_symbol(pricefeed_instance_plugin_owned* instance,
                                         pricefeed_call_host_owned* call, pricefeed_str symbol,
                                         std::uint32_t asset_class, pricefeed_receive_str receive,
                                         void* receiver) {
    return firewall(call, [&] {
      Host host(host_api(), call);
      std::string id =
          self(instance)->resolve_symbol(host, view(symbol), static_cast<AssetClass>(asset_class));
      receive(receiver, borrow(id));
    });
  }

  static const pricefeed_source_descriptor* descriptor() noexcept {
    static const pricefeed_source_descriptor d = [] {
      constexpr const SourceInfo& info = T::info;
      pricefeed_source_descriptor out{};
      out.struct_size = sizeof(out);
      out.name = info.name;
      out.version = info.version;
      out.description = info.description;
      out.asset_classes = info.asset_classes;
      out.capabilities = info.capabilities;
      out.resolutions = info.resolutions;
      out.max_quote_batch = info.max_quote_batch;
      out.max_history_span_seconds = info.max_history_span_seconds;
      out.thread_safe = info.thread_safe ? 1u : 0u;
      out.create = &create;
      out.destroy = &destroy;
      out.fetch_history = &fetch_history;
      out.fetch_quotes = &fetch_quotes;
      out.list_assets = (info.capabilities & PRICEFEED_CAP_CATALOG) ? &list_assets : nullptr;
      out.resolve_symbol = (info.capabilities & PRICEFEED_CAP_RESOLVE_SYMBOL) ? &resolve_symbol : nullptr;
      return out;
    }();
    return &d;
  }

  static pricefeed_status entry(const pricefeed_host_api* host,
                                const pricefeed_source_descriptor** descriptor_out) noexcept {
    if (host == nullptr || descriptor_out == nullptr || host->struct_size < kHostApiV1_0Size) {
      return PRICEFEED_UNSUPPORTED;
    }
    host_api() = host;
    *descriptor_out = descriptor();
    return PRICEFEED_OK;
  }
};

}  // namespace pricefeed::detail

#define PRICEFEED_PLUGIN(ClassName)                                                     \
  static_assert(std::is_base_of_v<::pricefeed::Source, ClassName>,                      \
                #ClassName " must derive from pricefeed::Source");                      \
  extern "C" PRICEFEED_EXPORT std::uint32_t pricefeed_abi_version(void) {               \
    return PRICEFEED_ABI_VERSION;                                                       \
  }                                                                                     \
  extern "C" PRICEFEED_EXPORT pricefeed_status pricefeed_plugin_entry(                  \
      const pricefeed_host_api* host, const pricefeed_source_descriptor** descriptor) { \
    return ::pricefeed::detail::Trampolines<ClassName>::entry(host, descriptor);        \
  }

#endif  // PRICEFEED_PLUGIN_HPP
