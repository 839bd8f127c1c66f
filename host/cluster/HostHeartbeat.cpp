#include "host/cluster/HostHeartbeat.hpp"

#include <condition_variable>
#include <mutex>
#include <stop_token>

#include <pqxx/pqxx>

#include "host/cluster/DeadHostLeases.hpp"
#include "host/cluster/HostsTable.hpp"
#include "host/db/Database.hpp"
#include "host/db/ErrorFirstLine.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {

namespace {

// Rows of hosts gone this long are deleted: long enough for an operator to see a death the next
// morning, short enough that a host restarted every day does not fill the listing.
constexpr std::chrono::hours kForgetHostsAfter{24};

}  // namespace

HostHeartbeat::HostHeartbeat(std::string database_url, HostIdentity identity, ClusterConfig cluster,
                             JobsHeld jobs_held)
    : database_url_(std::move(database_url)),
      identity_(std::move(identity)),
      cluster_(cluster),
      jobs_held_(std::move(jobs_held)) {}

HostHeartbeat::~HostHeartbeat() {
  stop();
}

pqxx::connection& HostHeartbeat::connection() {
  if (!connection_ || !connection_->is_open()) connection_ = open_database_connection(database_url_);
  return *connection_;
}

void HostHeartbeat::report(bool reached, const std::string& error) {
  if (!reached && !in_outage_) {
    log_warn(
        "host heartbeat cannot reach the database; other hosts will see this one as dead after "
        "[cluster] dead_after_seconds, and take over its jobs",
        {{"host_id", identity_.id}, {"error", error}});
  } else if (reached && in_outage_) {
    log_info("host heartbeat reaches the database again", {{"host_id", identity_.id}});
  }
  in_outage_ = !reached;
}

void HostHeartbeat::beat() {
  try {
    pqxx::connection& conn = connection();
    record_heartbeat(conn, identity_, jobs_held_ ? jobs_held_() : std::vector<std::int64_t>{});
    const ReleasedLeases released =
        release_leases_of_dead_hosts(conn, std::chrono::seconds(cluster_.dead_after_seconds));
    if (released.jobs > 0 || released.tasks > 0) {
      log_warn("released the leases of dead hosts",
               {{"host_id", identity_.id}, {"jobs", released.jobs}, {"periodic_tasks", released.tasks}});
    }
    forget_hosts_gone_for(conn, kForgetHostsAfter);
    report(true, "");
  } catch (const std::exception& e) {
    // Any failure is worth a fresh connection at the next beat: a broken one never heals.
    connection_.reset();
    report(false, first_line(e.what()));
  }
}

void HostHeartbeat::start() {
  beat();
  thread_ = std::jthread([this](std::stop_token token) {
    const std::chrono::seconds every(cluster_.heartbeat_seconds);
    std::mutex mutex;
    std::condition_variable_any wake;  // woken only by the stop request
    while (!token.stop_requested()) {
      std::unique_lock lock(mutex);
      wake.wait_for(lock, token, every, [] { return false; });
      lock.unlock();
      if (!token.stop_requested()) beat();
    }
  });
}

void HostHeartbeat::stop() {
  if (!thread_.joinable()) return;  // never started, or stopped already
  thread_.request_stop();
  thread_.join();
  try {
    record_clean_stop(connection(), identity_.id);
  } catch (const std::exception& e) {
    log_warn("could not record this host's clean stop; it will be listed as dead",
             {{"host_id", identity_.id}, {"error", first_line(e.what())}});
  }
}

}  // namespace pricefeed::host
