#include "host/reload/ConfigChanges.hpp"

#include <algorithm>

namespace pricefeed::host {
namespace {

// The sections the worker stack and the daemon loop read when they are built (host/cli/ServeWork).
constexpr const char* kWorkSections[] = {"worker",  "events",  "daemon", "portfolio",
                                         "quality", "routing", "stream"};

template <class Value>
void note_key(std::vector<std::string>& keys, const char* key, const Value& before, const Value& after) {
  if (!(before == after)) keys.emplace_back(key);
}

}  // namespace

bool ConfigChanges::work_changed() const {
  return std::any_of(sections.begin(), sections.end(), [](const std::string& section) {
    return std::find(std::begin(kWorkSections), std::end(kWorkSections), section) != std::end(kWorkSections);
  });
}

ConfigChanges compare_configs(const Config& running, const Config& next) {
  ConfigChanges changes;
  auto section = [&](const char* name, const auto& before, const auto& after) {
    if (!(before == after)) changes.sections.emplace_back(name);
  };
  section("plugins", running.plugins, next.plugins);
  section("worker", running.worker, next.worker);
  section("events", running.events, next.events);
  section("daemon", running.daemon, next.daemon);
  section("portfolio", running.portfolio, next.portfolio);
  section("quality", running.quality, next.quality);
  section("routing", running.routing, next.routing);
  section("stream", running.stream, next.stream);
  section("source_defaults", running.source_defaults, next.source_defaults);

  auto& restart = changes.restart_needed;
  note_key(restart, "database.url", running.database.url, next.database.url);
  note_key(restart, "database.session_url", running.database.session_url, next.database.session_url);
  note_key(restart, "database.pool_size", running.database.pool_size, next.database.pool_size);
  note_key(restart, "http.listen", running.http.listen, next.http.listen);
  note_key(restart, "http.auth_token", running.http.auth_token, next.http.auth_token);
  note_key(restart, "http.max_connections", running.http.max_connections, next.http.max_connections);
  note_key(restart, "http.max_requests_per_connection", running.http.max_requests_per_connection,
           next.http.max_requests_per_connection);
  note_key(restart, "http.header_timeout_seconds", running.http.header_timeout_seconds,
           next.http.header_timeout_seconds);
  note_key(restart, "http.request_timeout_seconds", running.http.request_timeout_seconds,
           next.http.request_timeout_seconds);
  note_key(restart, "http.keep_alive_timeout_seconds", running.http.keep_alive_timeout_seconds,
           next.http.keep_alive_timeout_seconds);
  note_key(restart, "cluster.dead_after_seconds", running.cluster.dead_after_seconds,
           next.cluster.dead_after_seconds);
  note_key(restart, "cluster.heartbeat_seconds", running.cluster.heartbeat_seconds,
           next.cluster.heartbeat_seconds);
  // A key added to one of these sections later and not named above still counts, by its section.
  auto whole = [&](const char* name, const auto& before, const auto& after) {
    const bool named = std::any_of(restart.begin(), restart.end(), [&](const std::string& key) {
      return key.starts_with(std::string(name) + ".");
    });
    if (!(before == after) && !named) restart.emplace_back(name);
  };
  whole("database", running.database, next.database);
  whole("http", running.http, next.http);
  whole("cluster", running.cluster, next.cluster);
  return changes;
}

Config with_restart_only_settings_of(const Config& running, Config next) {
  next.database = running.database;
  next.http = running.http;
  next.cluster = running.cluster;
  return next;
}

}  // namespace pricefeed::host
