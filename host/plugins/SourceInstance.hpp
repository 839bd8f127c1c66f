// One configured source: a plugin instance created from a [sources.X] table. Calls are synchronous
// and run on the caller's thread; an instance that is not thread-safe is called by one thread at a time.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "host/plugins/PluginLibrary.hpp"
#include "host/plugins/SourceCallStreak.hpp"
#include "host/plugins/SourceContext.hpp"
#include "host/plugins/SourceRecords.hpp"

namespace pricefeed::host {

// What a plugin call came to: its status, its explanation and, for rate limits, when to come back.
struct SourceCallResult {
  pricefeed_status status = PRICEFEED_OK;
  std::string message;
  std::optional<std::chrono::milliseconds> retry_after;
  bool timed_out = false;  // a request of the call ran out of its timeout (the next may be given longer)
  // rate_limited by the host's own limiter before the request was sent (the source cooling down after
  // a 429 another call got, or no tokens in time): the source was not asked.
  bool held_back = false;

  bool ok() const noexcept { return status == PRICEFEED_OK; }
};

const char* status_name(pricefeed_status status);

// create() refused the configuration (or failed); what() names the source and the plugin's reason.
class SourceCreateFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SourceInstance {
 public:
  // Throws SourceCreateFailed.
  static std::unique_ptr<SourceInstance> create(std::shared_ptr<PluginLibrary> library,
                                                std::unique_ptr<SourceContext> context,
                                                const std::string& config_json);
  ~SourceInstance();
  SourceInstance(const SourceInstance&) = delete;
  SourceInstance& operator=(const SourceInstance&) = delete;

  const std::string& name() const noexcept { return context_->name; }
  // The [sources.X] table, as JSON, this instance was created with (its fingerprint's input).
  const std::string& config_json() const noexcept { return config_json_; }
  const PluginLibrary& plugin() const noexcept { return *library_; }
  const pricefeed_source_descriptor& descriptor() const noexcept { return library_->descriptor(); }
  SourceContext& context() noexcept { return *context_; }
  // How its calls went lately (for /health/sources and the metrics).
  SourceCallRecord calls() const { return calls_.snapshot(); }

  // cancelled may be null. A consumer's exception is rethrown here after the plugin has returned.
  // `timeout_doublings`: how often the job behind this call timed out before; its requests are
  // given that much longer (SourceTimeouts).
  SourceCallResult fetch_history(const HistoryRequest& query, HistoryConsumer& consumer,
                                 const std::atomic<bool>* cancelled = nullptr,
                                 std::uint32_t timeout_doublings = 0);
  SourceCallResult fetch_quotes(const QuoteRequest& query, QuoteConsumer& consumer,
                                const std::atomic<bool>* cancelled = nullptr);
  SourceCallResult list_assets(std::uint32_t asset_classes, CatalogConsumer& consumer,
                               const std::atomic<bool>* cancelled = nullptr);
  SourceCallResult resolve_symbol(const std::string& symbol, AssetClass asset_class, std::string& id,
                                  const std::atomic<bool>* cancelled = nullptr);

  // ABI 1.1 streams (PRICEFEED_CAP_STREAM; UNSUPPORTED without it). One stream call at a time on the
  // instance, whatever thread_safe says; never waiting for a fetch (sdk.h "Streams"). Not counted in
  // calls(): a stream's health is the stream's own.
  SourceCallResult stream_subscribe(const StreamRequest& request, StreamControlOutput& out);
  SourceCallResult stream_frame(std::string_view frame, StreamFrameConsumer& consumer);

 private:
  SourceInstance(std::shared_ptr<PluginLibrary> library, std::unique_ptr<SourceContext> context,
                 std::string config_json);

  template <class Call>
  SourceCallResult invoke(const std::atomic<bool>* cancelled, std::uint32_t timeout_doublings, Call&& call);
  // A call made holding `lock` (taken or not by the caller).
  template <class Call>
  SourceCallResult invoke_locked(const std::atomic<bool>* cancelled, std::uint32_t timeout_doublings,
                                 Call&& call);

  // Declared first so it is destroyed last: the library stays mapped until destroy() has run.
  std::shared_ptr<PluginLibrary> library_;
  std::unique_ptr<SourceContext> context_;
  std::string config_json_;
  pricefeed_instance_plugin_owned* instance_ = nullptr;
  std::mutex serial_;         // taken around calls when the descriptor is not thread-safe
  std::mutex stream_serial_;  // taken around every stream call
  SourceCallStreak calls_;
};

}  // namespace pricefeed::host
