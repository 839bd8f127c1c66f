// A host's heartbeat (docs/cluster.md, "Seeing the hosts"): on a thread of its own and a database
// connection of its own (so a pool busy with jobs never makes the host look dead), every
// heartbeat_seconds it
//   * refreshes the host's row in `hosts` (last_seen, the jobs it holds),
//   * releases the leases of the hosts that are dead (DeadHostLeases),
//   * forgets hosts not seen for a day.
// While the database is down it keeps trying, reconnecting at each beat, and logs the outage once
// (and once more when the database is back). On a clean stop it marks the row stopped.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <pqxx/connection>

#include "host/cluster/HostIdentity.hpp"
#include "host/config/Config.hpp"

namespace pricefeed::host {

class HostHeartbeat {
 public:
  // The ids of the backfill jobs the host holds now; called at each beat, from the heartbeat's thread.
  using JobsHeld = std::function<std::vector<std::int64_t>()>;

  HostHeartbeat(std::string database_url, HostIdentity identity, ClusterConfig cluster,
                JobsHeld jobs_held = {});
  // stop()
  ~HostHeartbeat();
  HostHeartbeat(const HostHeartbeat&) = delete;
  HostHeartbeat& operator=(const HostHeartbeat&) = delete;

  // Beats once now, so the host is listed before it takes any work (a failure is logged, not
  // thrown: the database may come back), then every heartbeat_seconds on the thread.
  void start();
  // Ends the thread and records the clean stop (record_clean_stop); a database that is down then is
  // logged, and the row ages into "dead" instead. Call it once the host's work has ended, so nothing
  // it still holds is released while it runs.
  void stop();

  const HostIdentity& identity() const noexcept { return identity_; }

 private:
  // One beat; a failure is reported (once per outage), never thrown.
  void beat();
  // Logs the start and the end of an outage, nothing in between.
  void report(bool reached, const std::string& error);
  pqxx::connection& connection();

  std::string database_url_;
  HostIdentity identity_;
  ClusterConfig cluster_;
  JobsHeld jobs_held_;
  std::unique_ptr<pqxx::connection> connection_;  // only the beating thread uses it once started
  bool in_outage_ = false;
  std::jthread thread_;
};

}  // namespace pricefeed::host
