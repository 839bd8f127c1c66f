#include "host/cluster/ClusterHosts.hpp"

#include <algorithm>
#include <charconv>

#include <pqxx/pqxx>

namespace pricefeed::host {

namespace {

constexpr const char* kRead = R"sql(
SELECT id, host_name, pid, version, schema_version, array_to_json(roles)::text,
       to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       CASE WHEN stopped_at IS NOT NULL THEN 'stopped'
            WHEN pricefeed_host_alive(id, make_interval(secs => $1)) THEN 'alive'
            ELSE 'dead' END,
       greatest(0, extract(epoch FROM now() - last_seen))::bigint,
       array_to_json(jobs)::text
FROM hosts
ORDER BY (stopped_at IS NULL AND pricefeed_host_alive(id, make_interval(secs => $1))) DESC, id)sql";

HostState parse_host_state(std::string_view text) {
  if (text == "alive") return HostState::alive;
  if (text == "stopped") return HostState::stopped;
  return HostState::dead;
}

// The next dot-separated part of `version` from `at`, as a number when it is one.
struct VersionPart {
  std::optional<std::int64_t> number;
  std::string_view text;
};

VersionPart version_part(std::string_view version, std::size_t& at) {
  const std::size_t dot = version.find('.', at);
  const std::string_view text =
      version.substr(at, dot == std::string_view::npos ? std::string_view::npos : dot - at);
  at = dot == std::string_view::npos ? version.size() + 1 : dot + 1;
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error == std::errc() && end == text.data() + text.size() && !text.empty()) return {number, text};
  return {std::nullopt, text};
}

}  // namespace

std::string_view host_state_name(HostState state) {
  switch (state) {
    case HostState::alive:
      return "alive";
    case HostState::dead:
      return "dead";
    case HostState::stopped:
      return "stopped";
  }
  return "dead";
}

bool version_is_older(std::string_view version, std::string_view than) {
  std::size_t at = 0;
  std::size_t than_at = 0;
  while (at <= version.size() || than_at <= than.size()) {
    if (at > version.size()) return true;  // "1.2" is older than "1.2.1"
    if (than_at > than.size()) return false;
    const VersionPart mine = version_part(version, at);
    const VersionPart theirs = version_part(than, than_at);
    if (mine.number && theirs.number) {
      if (*mine.number != *theirs.number) return *mine.number < *theirs.number;
    } else if (mine.text != theirs.text) {
      return mine.text < theirs.text;
    }
  }
  return false;
}

std::vector<ClusterHost> read_cluster_hosts(pqxx::transaction_base& tx, std::chrono::seconds dead_after) {
  std::vector<ClusterHost> hosts;
  for (const auto& row : tx.exec_params(kRead, static_cast<std::int64_t>(dead_after.count()))) {
    ClusterHost host;
    host.id = row[0].as<std::string>();
    host.host_name = row[1].as<std::string>();
    host.pid = row[2].as<int>();
    host.version = row[3].as<std::string>();
    if (!row[4].is_null()) host.schema_version = row[4].as<int>();
    host.roles = nlohmann::json::parse(row[5].as<std::string>()).get<std::vector<std::string>>();
    host.started_at = row[6].as<std::string>();
    host.last_seen = row[7].as<std::string>();
    host.state = parse_host_state(row[8].as<std::string>());
    host.heartbeat_age_seconds = row[9].as<std::int64_t>();
    host.jobs = nlohmann::json::parse(row[10].as<std::string>()).get<std::vector<std::int64_t>>();
    hosts.push_back(std::move(host));
  }
  std::string newest;
  for (const ClusterHost& host : hosts)
    if (newest.empty() || version_is_older(newest, host.version)) newest = host.version;
  for (ClusterHost& host : hosts)
    host.version_differs = host.version != newest;
  return hosts;
}

nlohmann::json cluster_hosts_json(const std::vector<ClusterHost>& hosts) {
  nlohmann::json list = nlohmann::json::array();
  std::int64_t live = 0;
  std::string newest;
  for (const ClusterHost& host : hosts) {
    if (host.state == HostState::alive) ++live;
    if (!host.version_differs) newest = host.version;
    list.push_back({{"id", host.id},
                    {"host_name", host.host_name},
                    {"pid", host.pid},
                    {"state", host_state_name(host.state)},
                    {"version", host.version},
                    {"version_differs", host.version_differs},
                    {"schema_version", host.schema_version ? nlohmann::json(*host.schema_version) : nullptr},
                    {"roles", host.roles},
                    {"jobs", host.jobs},
                    {"started_at", host.started_at},
                    {"last_seen", host.last_seen},
                    {"heartbeat_age_seconds", host.heartbeat_age_seconds}});
  }
  return {{"hosts", std::move(list)},
          {"live", live},
          {"newest_version", newest.empty() ? nlohmann::json(nullptr) : nlohmann::json(newest)}};
}

}  // namespace pricefeed::host
