// Periodic daemon work beside the ticks: the weekly catalog refresh, daily quality sweeps, retention.
// Each task's last run is remembered in daemon_runs under its name, so a restart (or a second host)
// does not redo work that is not due yet.
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

// Runs `task` if it is due at `now` and records the run; returns whether it ran. Two hosts that find
// it due at the same moment are serialised by an advisory lock on the task's name, and the second
// finds it done.
bool run_periodic_task_if_due(const PeriodicTask& task, pqxx::connection& conn, std::chrono::sys_seconds now,
                              const std::atomic<bool>& stop);

}  // namespace pricefeed::host
