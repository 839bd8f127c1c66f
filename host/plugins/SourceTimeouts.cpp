#include "host/plugins/SourceTimeouts.hpp"

#include <algorithm>

namespace pricefeed::host {

std::chrono::milliseconds SourceTimeouts::for_request(std::chrono::milliseconds requested,
                                                      std::uint32_t doublings) const {
  const std::chrono::milliseconds base = requested > std::chrono::milliseconds::zero() ? requested : first;
  std::chrono::milliseconds timeout = base;
  // Doubling stops at the cap, so the shift never overflows however many timeouts a job counts.
  for (std::uint32_t i = 0; i < doublings && timeout < longest; ++i)
    timeout *= 2;
  // The cap binds the plugin's own timeout too: a plugin cannot hold a worker thread longer than the
  // operator allowed by asking for a timeout of hours.
  return std::min(timeout, longest);
}

}  // namespace pricefeed::host
