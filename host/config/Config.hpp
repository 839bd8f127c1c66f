#pragma once

#include <chrono>

// The validated contents of config/pricefeed.toml (see docs/configuration.md). Every member has the default
// that docs/configuration.md gives, so a key missing from the file keeps the value written here.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/assets/AssetClass.hpp"
#include "host/time/Resolution.hpp"

namespace pricefeed::host {

struct DatabaseConfig {
  std::string url = "postgresql:///pricefeed";
  // The connection for what needs one session across transactions: the event listener's LISTEN and
  // the migration lock. Unset, `url` serves for both; set, `url` may point at PgBouncer in transaction
  // pooling mode (docs/cluster.md "Through PgBouncer").
  std::optional<std::string> session_url;
  int pool_size = 4;

  // session_url when set, else url.
  const std::string& session_connection_url() const { return session_url ? *session_url : url; }

  bool operator==(const DatabaseConfig&) const = default;
};

struct PluginsConfig {
  // Already resolved: a relative directory in the file is taken relative to the file's directory, so
  // the meaning of the config does not depend on the working directory of whoever starts the host.
  std::vector<std::filesystem::path> dirs = {"/usr/lib/pricefeed/plugins"};
  bool enable_unconfigured = true;
  // Reload when a *.so in `dirs` appears, changes or goes, once the changed files have kept their
  // size, mtime and inode for watch_settle_ms (PluginDirectoryWatcher): a half-copied file is never
  // loaded. Off by default, since an operator may prefer to say when (SIGHUP, POST /v1/admin/reload).
  bool watch = false;
  int watch_settle_ms = 1000;

  bool operator==(const PluginsConfig&) const = default;
};

struct WorkerConfig {
  int batch_size = 10;
  int max_attempts = 5;
  int retry_base_minutes = 5;
  int lookback_days = 365;
  // No job asks for history before this day: an earlier start (a buy dated 1900 wants 1899) is clamped
  // to it, so one event cannot queue centuries of work. sys_days{} is 1970-01-01.
  std::chrono::sys_days earliest_history{};
  int lease_seconds = 300;
  // Completed jobs older than this are deleted by the daemon's hourly retention sweep; 0 keeps them.
  int retain_completed_days = 30;
  std::vector<Resolution> resolutions = {Resolution::day};

  bool operator==(const WorkerConfig&) const = default;
};

// [events]: the transaction_events inbox.
struct EventsConfig {
  // Processed events older than this are deleted by the retention sweep; 0 keeps them. A replay of a
  // deleted event is taken as new, so it must exceed how long senders may replay.
  int retain_days = 90;

  bool operator==(const EventsConfig&) const = default;
};

struct DaemonConfig {
  int interval_minutes = 15;
  bool trading_hours_only = true;
  // The exchanges' trading calendars (docs/calendars.md), as written; unset unless the file names
  // one. Config::exchanges_file_path() resolves it, locate_exchanges_file() (host/calendar) picks
  // the file actually read.
  std::optional<std::filesystem::path> exchanges_file;

  bool operator==(const DaemonConfig&) const = default;
};

// How the hosts of a cluster see one another (docs/cluster.md): every process heartbeats into the
// hosts table every heartbeat_seconds, and one silent for dead_after_seconds is dead, its leases
// reclaimed. heartbeat_seconds < dead_after_seconds, checked when the file is read.
struct ClusterConfig {
  int dead_after_seconds = 60;
  int heartbeat_seconds = 10;

  bool operator==(const ClusterConfig&) const = default;
};

struct HttpConfig {
  std::string listen = "127.0.0.1:8080";
  // Empty: POST routes are open (the API binds to loopback by default). A secret: never log it.
  std::string auth_token;
  // What the server tolerates before it closes a connection (HttpServerSettings says how each works).
  int max_connections = 512;
  int max_requests_per_connection = 1000;
  int header_timeout_seconds = 10;
  int request_timeout_seconds = 30;
  int keep_alive_timeout_seconds = 30;

  bool operator==(const HttpConfig&) const = default;
};

struct PortfolioConfig {
  std::string base_currency = "USD";

  bool operator==(const PortfolioConfig&) const = default;
};

// [quality]: the data-quality checks run after jobs and by the daemon (docs/quality.md).
struct QualityConfig {
  // The daemon's daily sweep for missing trading days over every tracked asset's stored history.
  bool gap_sweep = true;
  // The calendar (config/exchanges.toml) the forex class's daily history is judged by: ECB reference
  // rates exist on TARGET2 working days, not on every day of FOREX's 24x5 market.
  std::string forex_calendar = "TARGET2";
  // Sources whose bar of day D is final only once D+1 has begun (CoinGecko's point at 00:00 UTC of
  // D+1 is the close of D): for an asset last served by one, yesterday is not a gap yet either.
  std::vector<std::string> next_day_sources = {"coingecko"};
  // A day-over-day move of a daily close beyond this (percent, either way) is an anomaly; per asset
  // class overrides in spike_threshold_pct_by_class ([quality.spike_threshold_pct_by_class]).
  double spike_threshold_pct = 50;
  std::map<AssetClass, double> spike_threshold_pct_by_class;
  // Two sources disagree on a close when they differ by more than this (percent): the tolerance of
  // the anomaly cross-check and the threshold of the daily divergence check.
  double divergence_threshold_pct = 2;
  bool divergence_check = true;

  double spike_threshold_for(AssetClass asset_class) const {
    auto it = spike_threshold_pct_by_class.find(asset_class);
    return it == spike_threshold_pct_by_class.end() ? spike_threshold_pct : it->second;
  }

  bool operator==(const QualityConfig&) const = default;
};

// [stream]: live prices over the sources' streams (docs/daemon.md "Streams"). Opt-in: a stream
// keeps a connection open per source and writes far more often than the daemon's ticks.
struct StreamConfig {
  bool enabled = false;
  // At most one database write per asset per this interval, however often its stream sends.
  int min_interval_ms = 1000;
  // How often the host reads again which assets to stream and changes its subscriptions.
  int refresh_seconds = 10;
  // A connection that receives nothing, not even the pong to the ping sent halfway, for this long is
  // stalled: it is closed and opened again.
  int stall_timeout_ms = 30000;

  bool operator==(const StreamConfig&) const = default;
};

// What a source gets when its table does not say: shared by sources with a table that omits the
// key and by dropped-in plugins that have no table at all.
struct SourceDefaults {
  static constexpr int kRequestsPerMinute = 60;
  static constexpr int kBurst = 5;
  static constexpr int kTimeoutSeconds = 30;
  static constexpr int kTimeoutMaxSeconds = 120;

  int requests_per_minute = kRequestsPerMinute;  // MAX_REQUESTS_PER_MINUTE when set
  int burst = kBurst;

  bool operator==(const SourceDefaults&) const = default;
};

using SourceKeyOverrides =
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>;

// Where a source's token bucket and cooldown live (docs/cluster.md, "Shared rate limits").
enum class LimitScope {
  cluster,  // in PostgreSQL, shared by every host on the database and by pricefeed_acquire()
  host,     // in this process only: for hosts with egress addresses of their own
};

// One [sources.<name>] table: one instance of a plugin.
struct SourceConfig {
  std::string name;      // the table's key; the name routing, logs, metrics and the database use
  std::string plugin;    // the plugin's descriptor name; defaults to `name`
  std::string base_url;  // empty: the plugin uses its own default
  int requests_per_minute = SourceDefaults::kRequestsPerMinute;
  int burst = SourceDefaults::kBurst;
  LimitScope limit_scope = LimitScope::cluster;
  // A request the plugin gives no timeout of its own must be answered within this, redirects included.
  int timeout_seconds = SourceDefaults::kTimeoutSeconds;
  // After a job's request timed out, its next attempts wait twice as long each time, up to this.
  int timeout_max_seconds = SourceDefaults::kTimeoutMaxSeconds;
  // The whole table as JSON text, after ${VAR} expansion and environment overrides: handed to the
  // plugin's create(), which reads its own keys from it. May hold secrets (api_key): never log it.
  std::string table_json = "{}";

  bool operator==(const SourceConfig&) const = default;
};

// [routing]: asset class -> source names, first choice first; later ones are fallbacks. Holds every
// class of kAssetClasses; an empty list means the class is not served.
struct RoutingConfig {
  std::map<AssetClass, std::vector<std::string>> sources_by_asset_class = {
      {AssetClass::stock, {"yahoo"}},
      {AssetClass::bond, {"yahoo"}},
      {AssetClass::crypto, {"binance", "coingecko"}},
      {AssetClass::commodity, {"commodities", "yahoo"}},
      {AssetClass::forex, {"forex", "yahoo"}},
  };

  // The ordered source names for a class; empty for a class that is not routed.
  const std::vector<std::string>& sources_for(AssetClass asset_class) const;

  bool operator==(const RoutingConfig&) const = default;
};

struct Config {
  // Where the configuration came from: the file as it was named (for messages), and the absolute
  // directory relative paths were resolved against. Both empty for the built-in defaults.
  std::filesystem::path file;
  std::filesystem::path directory;

  DatabaseConfig database;
  PluginsConfig plugins;
  WorkerConfig worker;
  EventsConfig events;
  DaemonConfig daemon;
  ClusterConfig cluster;
  HttpConfig http;
  PortfolioConfig portfolio;
  QualityConfig quality;
  StreamConfig stream;
  SourceDefaults source_defaults;
  std::vector<SourceConfig> sources;  // in the order of the file
  RoutingConfig routing;

  // The [sources.<name>] table, or nullptr when there is none.
  const SourceConfig* find_source(std::string_view name) const;

  // daemon.exchanges_file (default "exchanges.toml") resolved: as it is when absolute; else relative
  // to the config file's directory, or to /etc/pricefeed (where the package puts it) for the
  // built-in defaults.
  std::filesystem::path exchanges_file_path() const;

  // The configuration a dropped-in plugin with no table runs with (plugins.enable_unconfigured):
  // the source defaults, plus any environment override aimed at that source name.
  SourceConfig unconfigured_source(std::string_view name) const;

  // String keys the environment sets in a source's table (COINGECKO_API_KEY -> coingecko's api_key),
  // kept so that a source without a table gets them too. Source name -> key -> value.
  SourceKeyOverrides source_overrides_from_environment;

  // Compares everything but `file` and `directory`, so that configurations loaded from different
  // places can be compared.
  bool same_settings_as(const Config& other) const;
};

}  // namespace pricefeed::host
