#include "host/cluster/DeadHostLeases.hpp"

#include <pqxx/pqxx>

namespace pricefeed::host {

namespace {

constexpr const char* kRelease = R"sql(
WITH gone AS (
  SELECT id FROM hosts WHERE NOT pricefeed_host_alive(id, make_interval(secs => $1))
), jobs AS (
  UPDATE backfill_queue q SET locked_until = now(), updated_at = now()
  FROM gone
  WHERE q.locked_by = gone.id AND q.status = 'in_progress' AND q.locked_until > now()
  RETURNING q.id
), tasks AS (
  UPDATE daemon_runs r SET running_by = NULL, running_since = NULL
  FROM gone
  WHERE r.running_by = gone.id
  RETURNING r.job
)
SELECT (SELECT count(*) FROM jobs), (SELECT count(*) FROM tasks))sql";

}  // namespace

ReleasedLeases release_leases_of_dead_hosts(pqxx::connection& connection, std::chrono::seconds dead_after) {
  pqxx::work tx(connection, "cluster: release leases of dead hosts");
  const pqxx::row counts = tx.exec_params1(kRelease, static_cast<std::int64_t>(dead_after.count()));
  tx.commit();
  return {counts[0].as<std::int64_t>(), counts[1].as<std::int64_t>()};
}

}  // namespace pricefeed::host
