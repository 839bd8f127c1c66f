// Periodic daemon work beside the ticks: the weekly catalog refresh, daily quality sweeps, retention.
// Each task's last run is remembered in daemon_runs under its name, so a restart (or a second host)
// does not redo work that is not due yet. While a host runs a task, daemon_runs.running_by names it:
// a lease in a row rather than a session advisory lock, which PgBouncer's transaction pooling would
// lose between statements (docs/cluster.md).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <pqxx/pqxx>

namespace pricefeed::host {

struct PeriodicTask {
  std::string name;  // daemon_runs.job
  std::chrono::seconds every;
  // Runs the work on `conn`; throws to leave the task due (it is tried again at the next tick).
  std::function<void(pqxx::connection& conn, const std::atomic<bool>& stop)> run;
};

// A task is due when its last run is `every` old, or it never ran.
bool periodic_task_due(std::chrono::sys_seconds now, std::optional<std::chrono::sys_seconds> last_run,
                       std::chrono::seconds every);

// Who runs the tasks: this host's id (hosts.id) and how long a silent host stays alive.
struct PeriodicTaskHolder {
  std::string host_id;
  std::chrono::seconds dead_after{60};
};

// Runs `task` if it is due at `now` and records the run; returns whether it ran. The task is taken
// with one statement that succeeds only while it is due and not held by another live host, so of two
// hosts that find it due at once exactly one runs it; a task held by a dead host (not alive in
// `hosts`, and taken more than dead_after ago) is taken over. The lease is dropped when the task
// finishes or throws.
bool run_periodic_task_if_due(const PeriodicTask& task, pqxx::connection& conn, std::chrono::sys_seconds now,
                              const std::atomic<bool>& stop, const PeriodicTaskHolder& holder);

}  // namespace pricefeed::host
