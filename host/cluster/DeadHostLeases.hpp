// Reclaiming what dead hosts held. Every live host runs this with each heartbeat, so the leases of a
// host that died (SIGKILL, a lost machine) or stopped are free within one heartbeat after it is
// declared dead, instead of at the end of a backfill lease (minutes).
#pragma once

#include <chrono>
#include <cstdint>

#include <pqxx/connection>

namespace pricefeed::host {

struct ReleasedLeases {
  std::int64_t jobs = 0;   // backfill jobs whose lease was ended
  std::int64_t tasks = 0;  // periodic tasks whose lease was dropped
};

// For every host that has a row in `hosts` and is not alive (pricefeed_host_alive with `dead_after`):
// its in-progress backfill jobs get locked_until = now(), so the next claim takes them over (counted
// as a failed attempt, like any expired lease), and its daemon_runs lease is dropped. A lease held by
// a process without a hosts row (one older than migration 011) is left to expire as before.
ReleasedLeases release_leases_of_dead_hosts(pqxx::connection& connection, std::chrono::seconds dead_after);

}  // namespace pricefeed::host
