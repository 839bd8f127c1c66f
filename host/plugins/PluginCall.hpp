// The definition of the ABI's opaque per-call handle, pricefeed_call_host_owned: what the host lends
// one call into a plugin, and what the host services record about that call while it runs.
//
// sdk.h lets a plugin call the host services from any thread during the call the handle belongs to,
// several at once (a thread-safe plugin making parallel requests). So everything the services write
// into the handle is behind one mutex, held only to copy a few fields: uncontended, as it is for a
// plugin that makes its requests one after another, it costs next to nothing. What the host sets
// before the call is never written during it and needs no lock.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "host/plugins/SourceContext.hpp"

namespace pricefeed::host {

// What the host services recorded during one call, read by SourceInstance once the plugin returned.
struct PluginCallRecord {
  std::string error;  // the last message given to set_error (or set by a failed http)
  std::optional<std::chrono::milliseconds> retry_after;
  bool timed_out = false;               // a request of the call ran out of its timeout
  bool last_request_held_back = false;  // the call's last finished request was never sent (rate limiter)
};

}  // namespace pricefeed::host

struct pricefeed_call_host_owned {
  pricefeed_call_host_owned(pricefeed::host::SourceContext& source_context,
                            const std::atomic<bool>* cancelled_flag = nullptr,
                            std::uint32_t timeout_doublings_so_far = 0)
      : source(&source_context), cancelled(cancelled_flag), timeout_doublings(timeout_doublings_so_far) {}
  pricefeed_call_host_owned(const pricefeed_call_host_owned&) = delete;
  pricefeed_call_host_owned& operator=(const pricefeed_call_host_owned&) = delete;

  // Lent for the whole call and only read during it.
  pricefeed::host::SourceContext* const source;
  const std::atomic<bool>* const cancelled;  // null: the call cannot be cancelled
  const std::uint32_t timeout_doublings;     // handed to every request of the call

  void set_error(std::string_view message) {
    std::lock_guard lock(mutex_);
    record_.error.assign(message);
  }

  void set_retry_after(std::chrono::milliseconds retry_after) {
    std::lock_guard lock(mutex_);
    record_.retry_after = retry_after;
  }

  // One finished HTTP exchange of the call: its timeout and rate-limiter bookkeeping and, when it
  // brought no response, its explanation (the plugin may return the status as it is).
  void record_request(const pricefeed::host::SourceHttpOutcome& outcome) {
    std::lock_guard lock(mutex_);
    if (outcome.timed_out) record_.timed_out = true;
    record_.last_request_held_back = outcome.held_back;
    if (outcome.status != PRICEFEED_OK || !outcome.response) {
      record_.error = outcome.error;
      if (outcome.retry_after) record_.retry_after = outcome.retry_after;
    }
  }

  // Once the plugin has returned (and, as sdk.h requires, every thread it started for the call is
  // done with the handle).
  pricefeed::host::PluginCallRecord take_record() {
    std::lock_guard lock(mutex_);
    return std::move(record_);
  }

 private:
  std::mutex mutex_;
  pricefeed::host::PluginCallRecord record_;
};
