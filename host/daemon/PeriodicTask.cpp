#include "host/daemon/PeriodicTask.hpp"

namespace pricefeed::host {

using namespace std::chrono;

namespace {

// $1 job, $2 host id, $3 now (epoch seconds), $4 every (seconds), $5 dead_after (seconds).
// A task that never ran is inserted with the epoch as its last run: due for any period, and a value
// hosts older than migration 011 (which read last_run_at as a number) still understand. On conflict the
// WHERE is evaluated against the newest row version, after waiting for a concurrent taker, so two
// hosts cannot both take it. A lease named after this host is a leftover of a run whose lease could
// not be dropped (the database went away then): this host runs its tasks one at a time.
constexpr const char* kTake = R"sql(
INSERT INTO daemon_runs AS r (job, last_run_at, running_by, running_since)
VALUES ($1, to_timestamp(0), $2, now())
ON CONFLICT (job) DO UPDATE SET running_by = excluded.running_by, running_since = now()
WHERE r.last_run_at <= to_timestamp($3) - make_interval(secs => $4)
  AND (r.running_by IS NULL OR r.running_by = $2
       OR (r.running_since < now() - make_interval(secs => $5)
           AND NOT pricefeed_host_alive(r.running_by, make_interval(secs => $5))))
RETURNING r.job)sql";

// The run is recorded even when another host took the lease over meanwhile (this one was thought
// dead): the work is done. The lease is dropped only if it is still this host's.
constexpr const char* kDone = R"sql(
UPDATE daemon_runs SET last_run_at = to_timestamp($3),
    running_since = CASE WHEN running_by = $2 THEN NULL ELSE running_since END,
    running_by = CASE WHEN running_by = $2 THEN NULL ELSE running_by END
WHERE job = $1)sql";

constexpr const char* kDrop =
    "UPDATE daemon_runs SET running_by = NULL, running_since = NULL WHERE job = $1 AND running_by = $2";

std::int64_t epoch_seconds(sys_seconds instant) {
  return static_cast<std::int64_t>(instant.time_since_epoch().count());
}

// Takes the task's lease if it is due and free; returns whether this host holds it now.
bool take(const PeriodicTask& task, pqxx::connection& conn, sys_seconds now,
          const PeriodicTaskHolder& holder) {
  pqxx::work tx(conn, "daemon: periodic task lease");
  const auto rows = tx.exec_params(kTake, task.name, holder.host_id, epoch_seconds(now),
                                   static_cast<std::int64_t>(task.every.count()),
                                   static_cast<std::int64_t>(holder.dead_after.count()));
  tx.commit();
  return !rows.empty();
}

void drop_lease(const PeriodicTask& task, pqxx::connection& conn, const PeriodicTaskHolder& holder) {
  try {
    pqxx::work tx(conn, "daemon: periodic task lease drop");
    tx.exec_params(kDrop, task.name, holder.host_id);
    tx.commit();
  } catch (...) {
    // The database went away with the task: the lease is this host's, and it retakes its own lease
    // at the next tick; other hosts take it once this one is dead.
  }
}

}  // namespace

bool periodic_task_due(sys_seconds now, std::optional<sys_seconds> last_run, seconds every) {
  return !last_run || now - *last_run >= every;
}

bool run_periodic_task_if_due(const PeriodicTask& task, pqxx::connection& conn, sys_seconds now,
                              const std::atomic<bool>& stop, const PeriodicTaskHolder& holder) {
  if (!take(task, conn, now, holder)) return false;  // not due, or another live host is running it
  try {
    task.run(conn, stop);
  } catch (...) {
    drop_lease(task, conn, holder);
    throw;
  }
  pqxx::work tx(conn, "daemon: periodic task done");
  tx.exec_params(kDone, task.name, holder.host_id, epoch_seconds(now));
  tx.commit();
  return true;
}

}  // namespace pricefeed::host
