// What happens to a recorded gap (price_gaps): a backfill job asks the routing chain's next source
// for its days, and when that job has finished the gap is checked again. The walk only ever moves
// forward along the chain, so it ends: filled when the days are stored, unfillable (with every
// source's reason) when no source is left, and an unfillable gap is never queued again by itself.
//
//   open --schedule--> queued --job finished, days there--> filled (rows get filled_gap_id)
//     \                  |  \--job completed without them, a later source left--> queued (next job)
//      \                 \--job failed, or no later source--> unfillable
//       \--no later source than the one that gave the surrounding history--> unfillable
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/connection_base>

#include "host/config/Config.hpp"
#include "host/quality/GapFinder.hpp"

namespace pricefeed::host {

struct GapSchedulingTally {
  int queued = 0;
  int unfillable = 0;
  int filled = 0;
};

class GapFillScheduler {
 public:
  // `max_attempts`: [worker] max_attempts, the budget of each fill job.
  GapFillScheduler(const GapFinder& finder, const RoutingConfig& routing, int max_attempts);

  // Queues a fill job for every open gap (of one asset, or of all when `asset_id` is empty). A fill
  // job skips every source of the chain up to and including the one that gave the stored bars around
  // the gap: it answered without these days already.
  GapSchedulingTally schedule_open_gaps(pqxx::connection_base& connection,
                                        std::optional<std::int64_t> asset_id = std::nullopt) const;

  // Checks again the gaps that backfill job `job_id` was filling, once it has finished (completed or
  // failed); a no-op while it is still open.
  GapSchedulingTally recheck_after_job(pqxx::connection_base& connection, std::int64_t job_id) const;

  // recheck_after_job for every queued gap whose job has finished: the sweep's catch-up for a worker
  // that stopped between finishing a job and checking its gaps.
  GapSchedulingTally recheck_finished_jobs(pqxx::connection_base& connection) const;

 private:
  const GapFinder& finder_;
  const RoutingConfig& routing_;
  int max_attempts_;
};

}  // namespace pricefeed::host
