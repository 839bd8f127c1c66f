// Ranges of history a source says it cannot serve (before a listing, beyond its API's reach),
// recorded as gaps of the job's series with the source's reason, so that the job completes instead of
// failing or looping on them, and the gap report says why those days are missing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/connection_base>

#include "host/queue/ClaimedJob.hpp"

namespace pricefeed::host {

// [start, end) in unix seconds, as the plugin gave it.
struct UnavailableRange {
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::string reason;
};

// One price_gaps row per range, from the UTC date of `start` to that of the last second before
// `end`, linked to the job, its reason "<source>: <the source's reason>". A range recorded before
// (the same asset, resolution and dates) takes the new reason. All ranges in one transaction.
void record_unavailable_ranges(pqxx::connection_base& connection, const ClaimedJob& job,
                               const std::string& source, const std::vector<UnavailableRange>& ranges);

}  // namespace pricefeed::host
