#include "host/cli/HostsCommand.hpp"

#include <iostream>

#include <pqxx/pqxx>

#include "host/cli/AgeText.hpp"
#include "host/cli/TextTable.hpp"
#include "host/cluster/ClusterHosts.hpp"
#include "host/db/Database.hpp"

namespace pricefeed::host {
namespace {

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts)
    text += (text.empty() ? "" : ",") + part;
  return text;
}

// "2: 14,15" or "-".
std::string jobs_text(const std::vector<std::int64_t>& jobs) {
  if (jobs.empty()) return "-";
  std::string ids;
  for (const std::int64_t job : jobs)
    ids += (ids.empty() ? "" : ",") + std::to_string(job);
  return std::to_string(jobs.size()) + ": " + ids;
}

void print_table(const std::vector<ClusterHost>& hosts) {
  TextTable table({"ID", "STATE", "VERSION", "SCHEMA", "ROLES", "JOBS", "HEARTBEAT", "STARTED"});
  std::string newest;
  for (const ClusterHost& host : hosts) {
    if (!host.version_differs) newest = host.version;
    table.add({host.id, std::string(host_state_name(host.state)),
               host.version + (host.version_differs ? " *" : ""),
               host.schema_version ? std::to_string(*host.schema_version) : "?", joined(host.roles),
               jobs_text(host.jobs), age_text(host.heartbeat_age_seconds) + " ago", host.started_at});
  }
  table.print(std::cout);
  std::size_t alive = 0, dead = 0, stopped = 0, differ = 0;
  for (const ClusterHost& host : hosts) {
    alive += host.state == HostState::alive;
    dead += host.state == HostState::dead;
    stopped += host.state == HostState::stopped;
    differ += host.version_differs;
  }
  std::cout << hosts.size() << (hosts.size() == 1 ? " host: " : " hosts: ") << alive << " alive, " << dead
            << " dead, " << stopped << " stopped\n";
  if (differ > 0) std::cout << "* runs another version than the newest listed, " << newest << "\n";
}

}  // namespace

int run_hosts_command(const GlobalOptions& options, const HostsArguments& arguments) {
  Config config = load_command_config(options);
  auto connection = open_database_connection(config.database.url);
  pqxx::read_transaction tx(*connection, "hosts");
  const std::vector<ClusterHost> hosts =
      read_cluster_hosts(tx, std::chrono::seconds(config.cluster.dead_after_seconds));
  if (arguments.json) {
    std::cout << cluster_hosts_json(hosts).dump(2) << "\n";
  } else if (hosts.empty()) {
    std::cout << "no hosts have sent a heartbeat (serve, worker and daemon do; see docs/cluster.md)\n";
  } else {
    print_table(hosts);
  }
  return 0;
}

}  // namespace pricefeed::host
