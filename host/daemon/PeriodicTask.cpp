#include "host/daemon/PeriodicTask.hpp"

namespace pricefeed::host {

using namespace std::chrono;

namespace {

// Two keys: the namespace of daemon_runs locks, and the task's name.
constexpr const char* kTryLock =
    "SELECT pg_try_advisory_lock(hashtext('pricefeed.daemon_runs'), hashtext($1))";
constexpr const char* kUnlock = "SELECT pg_advisory_unlock(hashtext('pricefeed.daemon_runs'), hashtext($1))";

// The advisory lock belongs to the session, so it outlives these short statements while the task
// runs its own transactions on the same connection in between.
class PeriodicTaskLock {
 public:
  PeriodicTaskLock(pqxx::connection& conn, const std::string& name) : conn_(conn), name_(name) {
    pqxx::nontransaction session(conn_, "daemon: periodic task lock");
    held_ = session.exec_params(kTryLock, name_)[0][0].as<bool>();
  }
  ~PeriodicTaskLock() {
    if (!held_) return;
    try {
      pqxx::nontransaction session(conn_, "daemon: periodic task unlock");
      session.exec_params(kUnlock, name_);
    } catch (...) {
      // The connection is gone, and the lock with it.
    }
  }
  PeriodicTaskLock(const PeriodicTaskLock&) = delete;
  PeriodicTaskLock& operator=(const PeriodicTaskLock&) = delete;

  bool held() const { return held_; }

 private:
  pqxx::connection& conn_;
  const std::string& name_;
  bool held_ = false;
};

std::optional<sys_seconds> last_run_of(pqxx::connection& conn, const std::string& name) {
  pqxx::nontransaction session(conn, "daemon: periodic task last run");
  const auto rows = session.exec_params(
      "SELECT extract(epoch FROM last_run_at)::bigint FROM daemon_runs WHERE job = $1", name);
  if (rows.empty()) return std::nullopt;
  return sys_seconds{seconds{rows[0][0].as<std::int64_t>()}};
}

}  // namespace

bool periodic_task_due(sys_seconds now, std::optional<sys_seconds> last_run, seconds every) {
  return !last_run || now - *last_run >= every;
}

bool run_periodic_task_if_due(const PeriodicTask& task, pqxx::connection& conn, sys_seconds now,
                              const std::atomic<bool>& stop) {
  const PeriodicTaskLock lock(conn, task.name);
  if (!lock.held()) return false;  // another host is running it right now
  if (!periodic_task_due(now, last_run_of(conn, task.name), task.every)) return false;

  task.run(conn, stop);
  pqxx::work tx(conn, "daemon: periodic task done");
  tx.exec_params(
      "INSERT INTO daemon_runs (job, last_run_at) VALUES ($1, to_timestamp($2)) "
      "ON CONFLICT (job) DO UPDATE SET last_run_at = excluded.last_run_at",
      task.name, static_cast<std::int64_t>(now.time_since_epoch().count()));
  tx.commit();
  return true;
}

}  // namespace pricefeed::host
