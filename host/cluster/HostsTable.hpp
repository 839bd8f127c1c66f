// The writes of the hosts table (sql/011_hosts.sql): a host's heartbeat, its clean stop, and the
// forgetting of hosts long gone. ClusterHosts reads it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "host/cluster/HostIdentity.hpp"

namespace pricefeed::host {

// Inserts or refreshes the host's row: last_seen = now() in the database's clock, the jobs it holds.
// A row deleted meanwhile (forgotten while the host was cut off for a day) is written anew.
void record_heartbeat(pqxx::connection& connection, const HostIdentity& host,
                      const std::vector<std::int64_t>& jobs);

// Marks the row stopped, so that `pricefeed hosts` tells a clean stop from a death, and lets go of
// what the host still holds: its backfill jobs' leases end now (a claim takes them at once, as after
// any lease), its periodic task lease is dropped.
void record_clean_stop(pqxx::connection& connection, const std::string& host_id);

// Deletes the rows of hosts not seen for `gone_for`; returns how many.
std::int64_t forget_hosts_gone_for(pqxx::connection& connection, std::chrono::seconds gone_for);

}  // namespace pricefeed::host
