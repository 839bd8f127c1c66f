#pragma once

// GET /health/queue: the backfill queue at a glance (BackfillQueue::stats(), one statement).
//
//   200 {"jobs": {"pending": 3, "in_progress": 1, "rate_limited": 0, "completed": 812, "failed": 2},
//        "oldest_due_age_seconds": 41, "failed_last_24h": 1, "due_now": 3}
//   503 {"status": "unavailable", "reason": "database: reading backfill queue statistics: ..."}
//
// oldest_due_age_seconds is null when nothing is due. Needs the token when [http].auth_token is set:
// error counts are operational detail, unlike GET /health's yes/no.

#include "host/http/Router.hpp"
#include "host/queue/BackfillQueue.hpp"

namespace pricefeed::host {

// `queue` must outlive the router; give it a pool with a short acquire timeout (see HealthRoute.hpp).
void add_queue_health_route(Router& router, BackfillQueue& queue);

}  // namespace pricefeed::host
