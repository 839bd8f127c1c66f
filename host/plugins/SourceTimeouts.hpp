// How long one upstream request of a source may take. A request that timed out is not helped by
// asking again just as impatiently: a source that is slow today (a long history, a loaded server)
// answers if given longer. So each attempt of a job that already timed out `doublings` times waits
// twice as long as the one before, up to the source's cap (docs/resilience.md "Timeouts").
#pragma once

#include <chrono>
#include <cstdint>

namespace pricefeed::host {

struct SourceTimeouts {
  std::chrono::milliseconds first;    // timeout_seconds: a request's timeout before any timed out
  std::chrono::milliseconds longest;  // timeout_max_seconds: the cap of the doubling

  // The timeout of a request after `doublings` timeouts. `requested` is the plugin's own timeout for
  // this request (0: none), doubled the same way; never longer than `longest`, whatever the plugin
  // asked.
  std::chrono::milliseconds for_request(std::chrono::milliseconds requested, std::uint32_t doublings) const;
};

}  // namespace pricefeed::host
