#include "host/plugins/SourceInstance.hpp"

#include <cstring>
#include <exception>
#include <utility>
#include <vector>

#include "host/plugins/PluginCall.hpp"
#include "host/plugins/PluginDescriptor.hpp"
#include "host/plugins/SinkAdapters.hpp"

namespace pricefeed::host {

const char* status_name(pricefeed_status status) {
  switch (status) {
    case PRICEFEED_OK:
      return "ok";
    case PRICEFEED_RATE_LIMITED:
      return "rate_limited";
    case PRICEFEED_NOT_FOUND:
      return "not_found";
    case PRICEFEED_TRANSIENT:
      return "transient";
    case PRICEFEED_PERMANENT:
      return "permanent";
    case PRICEFEED_INVALID_CONFIG:
      return "invalid_config";
    case PRICEFEED_UNSUPPORTED:
      return "unsupported";
    default:
      return "unknown";
  }
}

SourceInstance::SourceInstance(std::shared_ptr<PluginLibrary> library, std::unique_ptr<SourceContext> context,
                               std::string config_json)
    : library_(std::move(library)), context_(std::move(context)), config_json_(std::move(config_json)) {}

SourceInstance::~SourceInstance() {
  if (instance_ != nullptr) library_->descriptor().destroy(instance_);
}

std::unique_ptr<SourceInstance> SourceInstance::create(std::shared_ptr<PluginLibrary> library,
                                                       std::unique_ptr<SourceContext> context,
                                                       const std::string& config_json) {
  std::unique_ptr<SourceInstance> self(
      new SourceInstance(std::move(library), std::move(context), config_json));
  pricefeed_call_host_owned call(*self->context_);
  pricefeed_instance_plugin_owned* instance = nullptr;
  pricefeed_status status =
      self->descriptor().create(&call, pricefeed_str{config_json.data(), config_json.size()}, &instance);
  if (status != PRICEFEED_OK || instance == nullptr) {
    std::string error = call.take_record().error;
    std::string reason = error.empty() ? "no reason given" : error;
    if (status == PRICEFEED_OK) reason = "create() returned ok without an instance";
    throw SourceCreateFailed("create() failed (" + std::string(status_name(status)) + "): " + reason);
  }
  self->instance_ = instance;
  return self;
}

template <class Call>
SourceCallResult SourceInstance::invoke(const std::atomic<bool>* cancelled, std::uint32_t timeout_doublings,
                                        Call&& call) {
  std::unique_lock<std::mutex> lock(serial_, std::defer_lock);
  if (descriptor().thread_safe == 0) lock.lock();
  return invoke_locked(cancelled, timeout_doublings, std::forward<Call>(call));
}

template <class Call>
SourceCallResult SourceInstance::invoke_locked(const std::atomic<bool>* cancelled,
                                               std::uint32_t timeout_doublings, Call&& call) {
  pricefeed_call_host_owned ctx(*context_, cancelled, timeout_doublings);
  SourceCallResult result;
  result.status = call(ctx);
  PluginCallRecord record = ctx.take_record();
  result.message = std::move(record.error);
  result.retry_after = record.retry_after;
  result.timed_out = record.timed_out;
  result.held_back = result.status == PRICEFEED_RATE_LIMITED && record.last_request_held_back;
  if (!result.ok() && result.message.empty()) {
    result.message = std::string("plugin returned ") + status_name(result.status) + " without a message";
  }
  return result;
}

namespace {

// A request's symbols and their source ids as the ABI lends them: views of the host's strings, an
// empty id where the request has none.
struct BorrowedSymbols {
  BorrowedSymbols(const std::vector<std::string>& names, const std::vector<std::string>& source_ids) {
    static const std::string kUnknown;
    for (std::size_t i = 0; i < names.size(); ++i) {
      symbols.push_back({names[i].data(), names[i].size()});
      const std::string& id = i < source_ids.size() ? source_ids[i] : kUnknown;
      ids.push_back({id.data(), id.size()});
    }
  }
  std::vector<pricefeed_str> symbols, ids;
};

// A sink that the plugin misused, or whose consumer threw, overrides whatever the plugin returned.
template <class Adapter>
void settle(Adapter& adapter, SourceCallResult& result) {
  if (adapter.failure) std::rethrow_exception(adapter.failure);
  if (!adapter.misuse.empty()) {
    result.status = PRICEFEED_PERMANENT;
    result.message = "plugin misused the sink: " + adapter.misuse;
  }
}

}  // namespace

SourceCallResult SourceInstance::fetch_history(const HistoryRequest& query, HistoryConsumer& consumer,
                                               const std::atomic<bool>* cancelled,
                                               std::uint32_t timeout_doublings) {
  HistorySinkAdapter adapter(consumer);
  pricefeed_history_sink sink = adapter.sink();
  pricefeed_history_request request{};
  request.struct_size = sizeof(request);
  request.symbol = {query.symbol.data(), query.symbol.size()};
  request.source_id = {query.source_id.data(), query.source_id.size()};
  request.asset_class = asset_class_bit(query.asset_class);
  request.resolution = resolution_bit(query.resolution);
  request.start = query.start;
  request.end = query.end;
  auto result = invoke(cancelled, timeout_doublings, [&](pricefeed_call_host_owned& ctx) {
    return descriptor().fetch_history(instance_, &ctx, &request, &sink);
  });
  settle(adapter, result);
  calls_.record(result.status, result.message);
  return result;
}

SourceCallResult SourceInstance::fetch_quotes(const QuoteRequest& query, QuoteConsumer& consumer,
                                              const std::atomic<bool>* cancelled) {
  QuoteSinkAdapter adapter(consumer);
  pricefeed_quote_sink sink = adapter.sink();
  const BorrowedSymbols borrowed(query.symbols, query.source_ids);
  pricefeed_quote_request request{};
  request.struct_size = sizeof(request);
  request.symbols = borrowed.symbols.data();
  request.source_ids = borrowed.ids.data();
  request.count = borrowed.symbols.size();
  request.asset_class = asset_class_bit(query.asset_class);
  auto result = invoke(cancelled, 0, [&](pricefeed_call_host_owned& ctx) {
    return descriptor().fetch_quotes(instance_, &ctx, &request, &sink);
  });
  settle(adapter, result);
  calls_.record(result.status, result.message);
  return result;
}

SourceCallResult SourceInstance::list_assets(std::uint32_t asset_classes, CatalogConsumer& consumer,
                                             const std::atomic<bool>* cancelled) {
  if (descriptor().list_assets == nullptr) {
    return {PRICEFEED_UNSUPPORTED, "source " + name() + " has no catalog", std::nullopt};
  }
  CatalogSinkAdapter adapter(consumer);
  pricefeed_asset_sink sink = adapter.sink();
  auto result = invoke(cancelled, 0, [&](pricefeed_call_host_owned& ctx) {
    return descriptor().list_assets(instance_, &ctx, asset_classes, &sink);
  });
  settle(adapter, result);
  calls_.record(result.status, result.message);
  return result;
}

SourceCallResult SourceInstance::resolve_symbol(const std::string& symbol, AssetClass asset_class,
                                                std::string& id, const std::atomic<bool>* cancelled) {
  if (descriptor().resolve_symbol == nullptr) {
    return {PRICEFEED_UNSUPPORTED, "source " + name() + " resolves no symbols", std::nullopt};
  }
  auto receive = [](void* receiver, pricefeed_str value) {
    static_cast<std::string*>(receiver)->assign(value.data == nullptr ? ""
                                                                      : std::string(value.data, value.size));
  };
  auto result = invoke(cancelled, 0, [&](pricefeed_call_host_owned& ctx) {
    return descriptor().resolve_symbol(instance_, &ctx, {symbol.data(), symbol.size()},
                                       asset_class_bit(asset_class), receive, &id);
  });
  calls_.record(result.status, result.message);
  return result;
}

SourceCallResult SourceInstance::stream_subscribe(const StreamRequest& query, StreamControlOutput& out) {
  if (descriptor().stream_subscribe == nullptr) {
    return {PRICEFEED_UNSUPPORTED, "source " + name() + " has no stream", std::nullopt};
  }
  StreamControlAdapter adapter(out, query.symbols.size());
  pricefeed_stream_control_sink sink = adapter.sink();
  const BorrowedSymbols borrowed(query.symbols, query.source_ids);
  pricefeed_stream_request request{};
  request.struct_size = sizeof(request);
  request.action = static_cast<std::int32_t>(query.action);
  request.symbols = borrowed.symbols.data();
  request.source_ids = borrowed.ids.data();
  request.count = borrowed.symbols.size();
  request.asset_class = asset_class_bit(query.asset_class);
  request.message_id = query.message_id;
  std::lock_guard lock(stream_serial_);
  auto result = invoke_locked(nullptr, 0, [&](pricefeed_call_host_owned& ctx) {
    return descriptor().stream_subscribe(instance_, &ctx, &request, &sink);
  });
  settle(adapter, result);
  if (result.ok() && query.action == StreamRequest::Action::open && out.url.empty()) {
    result.status = PRICEFEED_PERMANENT;
    result.message = "stream_subscribe(OPEN) returned ok without connect_to()";
  }
  return result;
}

SourceCallResult SourceInstance::stream_frame(std::string_view frame, StreamFrameConsumer& consumer) {
  if (descriptor().stream_frame == nullptr) {
    return {PRICEFEED_UNSUPPORTED, "source " + name() + " has no stream", std::nullopt};
  }
  StreamSinkAdapter adapter(consumer);
  pricefeed_stream_sink sink = adapter.sink();
  std::lock_guard lock(stream_serial_);
  auto result = invoke_locked(nullptr, 0, [&](pricefeed_call_host_owned& ctx) {
    return descriptor().stream_frame(instance_, &ctx, {frame.data(), frame.size()}, &sink);
  });
  settle(adapter, result);
  return result;
}

}  // namespace pricefeed::host
