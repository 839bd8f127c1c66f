#include "host/config/ConfigLoader.hpp"
#include "host/time/CalendarDate.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include "host/config/BuiltInConfig.hpp"
#include "host/config/EnvironmentOverrides.hpp"
#include "host/config/KeySuggestion.hpp"
#include "host/config/ParseContext.hpp"
#include "host/config/TomlFile.hpp"
#include "host/config/TomlSection.hpp"
#include "host/config/TomlToJson.hpp"

namespace pricefeed::host {
namespace {

bool is_source_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

// HOST:PORT with an IPv6 host in brackets. Port 0 is allowed: the system picks one (tests).
bool is_listen_address(std::string_view address) {
  auto colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view host = address.substr(0, colon);
  std::string_view port = address.substr(colon + 1);
  bool bracketed = host.front() == '[';
  if (bracketed ? (host.back() != ']' || host.size() < 3) : host.find(':') != std::string_view::npos) {
    return false;
  }
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  return std::stoi(std::string(port)) <= 65535;
}

bool is_http_url(std::string_view url) {
  return (url.starts_with("http://") && url.size() > 7) || (url.starts_with("https://") && url.size() > 8);
}

class ConfigParser {
 public:
  ConfigParser(const ParseContext& context, std::filesystem::path directory)
      : context_(context), directory_(std::move(directory)) {}

  Config parse(const toml::table& document) {
    Config config;
    config.source_defaults = source_defaults_from(context_.environment);
    config.source_overrides_from_environment = source_key_overrides_from(context_.environment);

    TomlSection root(context_, &document, "");
    read_database(root, config.database);
    read_plugins(root, config.plugins);
    read_worker(root, config.worker);
    read_events(root, config.events);
    read_daemon(root, config.daemon);
    read_cluster(root, config.cluster);
    read_http(root, config.http);
    read_portfolio(root, config.portfolio);
    read_quality(root, config.quality);
    read_stream(root, config.stream);
    if (const toml::table* sources = root.table("sources")) {
      config.sources = read_sources(*sources, config);
    } else {
      config.sources = built_in_sources(config);
    }
    read_routing(root, config.routing);
    root.warn_about_unknown_keys();

    apply_section_overrides(config, context_.environment);
    warn_about_unreachable_routes(config);
    return config;
  }

  std::vector<SourceConfig> read_sources(const toml::table& sources, const Config& config) {
    // toml++ keeps a table's keys sorted; the file's order is the one an operator expects to see.
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (auto&& [key, node] : sources)
      entries.emplace_back(&key, &node);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.first->source().begin < b.first->source().begin;
    });
    std::vector<SourceConfig> result;
    for (auto [key_pointer, node_pointer] : entries) {
      const toml::key& key = *key_pointer;
      const toml::node& node = *node_pointer;
      std::string name(key.str());
      std::string path = "sources." + name;
      const toml::table* table = node.as_table();
      if (table == nullptr) {
        throw ConfigError(context_.origin, line_of(node), path,
                          "expected a table ([" + path + "]), got " + describe_toml_value(node, false));
      }
      if (!is_source_name(name)) {
        throw ConfigError(
            context_.origin, line_of(node), path,
            "a source name is made of letters, digits, '_' and '-' (it is used in logs, metrics "
            "and the database)");
      }
      result.push_back(read_source(name, *table, config));
    }
    return result;
  }

 private:
  void read_database(TomlSection& root, DatabaseConfig& database) {
    TomlSection section(context_, root.table("database"), "database");
    if (auto url = section.non_empty_string("url")) database.url = url->value;
    if (auto url = section.non_empty_string("session_url")) database.session_url = url->value;
    if (auto size = section.integer("pool_size", 1)) database.pool_size = *size;
    section.warn_about_unknown_keys();
  }

  void read_plugins(TomlSection& root, PluginsConfig& plugins) {
    TomlSection section(context_, root.table("plugins"), "plugins");
    if (auto dirs = section.strings("dirs")) {
      plugins.dirs.clear();
      for (std::size_t i = 0; i < dirs->size(); ++i) {
        const StringValue& dir = (*dirs)[i];
        if (dir.value.empty()) {
          section.fail(dir.line, "dirs[" + std::to_string(i) + "]",
                       "must not be empty" + dir.unset_variables_hint());
        }
        std::filesystem::path path(dir.value);
        if (path.is_relative() && !directory_.empty()) path = (directory_ / path).lexically_normal();
        plugins.dirs.push_back(std::move(path));
      }
    }
    if (auto enable = section.boolean("enable_unconfigured")) plugins.enable_unconfigured = *enable;
    if (auto watch = section.boolean("watch")) plugins.watch = *watch;
    // Below 50 ms a copy that pauses between writes (a network file system, a slow disk) could look
    // finished; above a minute a deploy would seem ignored.
    if (auto settle = section.integer("watch_settle_ms", 50, 60000)) plugins.watch_settle_ms = *settle;
    section.warn_about_unknown_keys();
  }

  void read_worker(TomlSection& root, WorkerConfig& worker) {
    TomlSection section(context_, root.table("worker"), "worker");
    if (auto value = section.integer("batch_size", 1)) worker.batch_size = *value;
    if (auto value = section.integer("max_attempts", 1)) worker.max_attempts = *value;
    if (auto value = section.integer("retry_base_minutes", 1)) worker.retry_base_minutes = *value;
    if (auto value = section.integer("lookback_days", 1)) worker.lookback_days = *value;
    if (auto text = section.string("earliest_history")) {
      const std::optional<std::chrono::sys_days> day = try_parse_iso_date(text->value);
      if (!day) {
        section.fail(text->line, "earliest_history",
                     "\"" + text->value + "\" is not a date; expected YYYY-MM-DD, such as \"1970-01-01\"");
      }
      worker.earliest_history = *day;
    }
    if (auto value = section.integer("lease_seconds", 1)) worker.lease_seconds = *value;
    if (auto value = section.integer("retain_completed_days", 0)) worker.retain_completed_days = *value;
    if (auto resolutions = section.strings("resolutions")) {
      if (resolutions->empty()) {
        section.fail(line_of(*section.node("resolutions")), "resolutions",
                     "must name at least one resolution");
      }
      worker.resolutions.clear();
      for (const StringValue& text : *resolutions) {
        const std::optional<Resolution> resolution = parse_resolution(text.value);
        if (!resolution) {
          section.fail(text.line, "resolutions",
                       "unknown resolution \"" + text.value + "\"; expected " + resolution_choices());
        }
        if (std::find(worker.resolutions.begin(), worker.resolutions.end(), *resolution) !=
            worker.resolutions.end()) {
          section.fail(text.line, "resolutions", "\"" + text.value + "\" is listed twice");
        }
        worker.resolutions.push_back(*resolution);
      }
    }
    section.warn_about_unknown_keys();
  }

  void read_daemon(TomlSection& root, DaemonConfig& daemon) {
    TomlSection section(context_, root.table("daemon"), "daemon");
    if (auto value = section.integer("interval_minutes", 1)) daemon.interval_minutes = *value;
    if (auto value = section.boolean("trading_hours_only")) daemon.trading_hours_only = *value;
    if (auto file = section.non_empty_string("exchanges_file")) daemon.exchanges_file = file->value;
    section.warn_about_unknown_keys();
  }

  void read_stream(TomlSection& root, StreamConfig& stream) {
    TomlSection section(context_, root.table("stream"), "stream");
    if (auto enabled = section.boolean("enabled")) stream.enabled = *enabled;
    // Below 100 ms the writes would cost more than a price a tenth of a second older; above a
    // minute the daemon's ticks would do as well.
    if (auto value = section.integer("min_interval_ms", 100, 60000)) stream.min_interval_ms = *value;
    if (auto value = section.integer("refresh_seconds", 1, 3600)) stream.refresh_seconds = *value;
    if (auto value = section.integer("stall_timeout_ms", 1000, 600000)) stream.stall_timeout_ms = *value;
    section.warn_about_unknown_keys();
  }

  // Two keys that contradict each other: the error names `key` at its line when it is set, else
  // `other` (one of them is, since their defaults agree).
  static void fail_at_either(TomlSection& section, const char* key, const char* other,
                             const std::string& message) {
    const toml::node* at = section.node(key);
    section.fail(line_of(at != nullptr ? *at : *section.node(other)), at != nullptr ? key : other, message);
  }

  void read_cluster(TomlSection& root, ClusterConfig& cluster) {
    TomlSection section(context_, root.table("cluster"), "cluster");
    if (auto value = section.integer("dead_after_seconds", 1)) cluster.dead_after_seconds = *value;
    if (auto value = section.integer("heartbeat_seconds", 1)) cluster.heartbeat_seconds = *value;
    // A host that beats no more often than it is declared dead would be dead between two beats.
    if (cluster.heartbeat_seconds >= cluster.dead_after_seconds) {
      fail_at_either(section, "heartbeat_seconds", "dead_after_seconds",
                     "heartbeat_seconds (" + std::to_string(cluster.heartbeat_seconds) +
                         ") must be less than dead_after_seconds (" +
                         std::to_string(cluster.dead_after_seconds) +
                         "), or every host would look dead between two heartbeats");
    }
    section.warn_about_unknown_keys();
  }

  void read_http(TomlSection& root, HttpConfig& http) {
    TomlSection section(context_, root.table("http"), "http");
    if (auto listen = section.string("listen")) {
      if (!is_listen_address(listen->value)) {
        section.fail(listen->line, "listen",
                     "expected HOST:PORT such as 127.0.0.1:8080 or [::1]:8080, got \"" + listen->value +
                         "\"" + listen->unset_variables_hint());
      }
      http.listen = listen->value;
    }
    if (auto token = section.string("auth_token")) http.auth_token = token->value;
    if (auto value = section.integer("max_connections", 1)) http.max_connections = *value;
    if (auto value = section.integer("max_requests_per_connection", 1))
      http.max_requests_per_connection = *value;
    if (auto value = section.integer("header_timeout_seconds", 1)) http.header_timeout_seconds = *value;
    if (auto value = section.integer("request_timeout_seconds", 1)) http.request_timeout_seconds = *value;
    if (auto value = section.integer("keep_alive_timeout_seconds", 1))
      http.keep_alive_timeout_seconds = *value;
    // The header is part of the request: a longer header deadline than the request's would never apply.
    if (http.header_timeout_seconds > http.request_timeout_seconds) {
      fail_at_either(section, "header_timeout_seconds", "request_timeout_seconds",
                     "header_timeout_seconds (" + std::to_string(http.header_timeout_seconds) +
                         ") must not exceed request_timeout_seconds (" +
                         std::to_string(http.request_timeout_seconds) + ")");
    }
    section.warn_about_unknown_keys();
  }

  void read_quality(TomlSection& root, QualityConfig& quality) {
    TomlSection section(context_, root.table("quality"), "quality");
    if (auto value = section.boolean("gap_sweep")) quality.gap_sweep = *value;
    if (auto calendar = section.non_empty_string("forex_calendar")) quality.forex_calendar = calendar->value;
    if (auto sources = section.strings("next_day_sources")) {
      quality.next_day_sources.clear();
      for (const StringValue& source : *sources) {
        if (!is_source_name(source.value)) {
          section.fail(source.line, "next_day_sources",
                       "\"" + source.value + "\" is not a source name (letters, digits, '_' and '-')" +
                           source.unset_variables_hint());
        }
        quality.next_day_sources.push_back(source.value);
      }
    }
    if (auto pct = percent(section, "spike_threshold_pct")) quality.spike_threshold_pct = *pct;
    if (const toml::table* by_class = section.table("spike_threshold_pct_by_class")) {
      TomlSection classes(context_, by_class, "quality.spike_threshold_pct_by_class");
      for (auto&& [key, node] : *by_class) {
        const std::optional<AssetClass> asset_class = parse_asset_class(key.str());
        if (!asset_class) {
          classes.fail(line_of(node), key.str(),
                       "unknown asset class; expected one of " + asset_class_choices());
        }
        quality.spike_threshold_pct_by_class[*asset_class] = *percent(classes, key.str());
      }
    }
    if (auto pct = percent(section, "divergence_threshold_pct")) quality.divergence_threshold_pct = *pct;
    if (auto value = section.boolean("divergence_check")) quality.divergence_check = *value;
    section.warn_about_unknown_keys();
  }

  // A percentage threshold: an integer or a float, above 0 and at most 1000.
  static std::optional<double> percent(TomlSection& section, std::string_view key) {
    const toml::node* node = section.node(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_number()) section.fail_type(*node, key, "a number of percent such as 50 or 2.5");
    const double value = node->value<double>().value_or(0);
    if (!(value > 0) || value > 1000) {
      section.fail(line_of(*node), key,
                   "must be above 0 and at most 1000 (percent), got " + std::to_string(value));
    }
    return value;
  }

  void read_events(TomlSection& root, EventsConfig& events) {
    TomlSection section(context_, root.table("events"), "events");
    if (auto value = section.integer("retain_days", 0)) events.retain_days = *value;
    section.warn_about_unknown_keys();
  }

  void read_portfolio(TomlSection& root, PortfolioConfig& portfolio) {
    TomlSection section(context_, root.table("portfolio"), "portfolio");
    if (auto currency = section.string("base_currency")) {
      std::string code = currency->value;
      bool is_code = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
                       return std::isalpha(static_cast<unsigned char>(c)) != 0;
                     });
      if (!is_code) {
        section.fail(currency->line, "base_currency",
                     "expected a three-letter ISO 4217 currency code such as USD, got \"" + code + "\"" +
                         currency->unset_variables_hint());
      }
      std::transform(code.begin(), code.end(), code.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      portfolio.base_currency = code;
    }
    section.warn_about_unknown_keys();
  }

  // Only the host's keys are checked; the rest of the table belongs to the plugin, which reads it.
  SourceConfig read_source(const std::string& name, const toml::table& table, const Config& config) {
    TomlSection section(context_, &table, "sources." + name);
    SourceConfig source;
    source.name = name;
    source.plugin = name;
    if (auto plugin = section.non_empty_string("plugin")) source.plugin = plugin->value;
    if (auto base_url = section.string("base_url")) {
      if (!base_url->value.empty() && !is_http_url(base_url->value)) {
        section.fail(base_url->line, "base_url",
                     "expected an http:// or https:// URL, got \"" + base_url->value + "\"");
      }
      source.base_url = base_url->value;
    }
    source.requests_per_minute =
        section.integer("requests_per_minute", 1).value_or(config.source_defaults.requests_per_minute);
    source.burst = section.integer("burst", 1).value_or(config.source_defaults.burst);
    if (auto scope = section.string("limit_scope")) {
      if (scope->value == "cluster") {
        source.limit_scope = LimitScope::cluster;
      } else if (scope->value == "host") {
        source.limit_scope = LimitScope::host;
      } else {
        section.fail(scope->line, "limit_scope",
                     "unknown scope \"" + scope->value + "\"; expected \"cluster\" or \"host\"" +
                         scope->unset_variables_hint());
      }
    }
    source.timeout_seconds = section.integer("timeout_seconds", 1).value_or(SourceDefaults::kTimeoutSeconds);
    if (auto timeout_max = section.integer("timeout_max_seconds", 1)) {
      if (*timeout_max < source.timeout_seconds) {
        section.fail(line_of(*section.node("timeout_max_seconds")), "timeout_max_seconds",
                     "must be at least timeout_seconds (" + std::to_string(source.timeout_seconds) +
                         "), got " + std::to_string(*timeout_max));
      }
      source.timeout_max_seconds = *timeout_max;
    } else {
      // A source given a long first timeout keeps it rather than being capped below it.
      source.timeout_max_seconds = std::max(SourceDefaults::kTimeoutMaxSeconds, source.timeout_seconds);
    }

    nlohmann::json json = toml_table_to_json(context_, table, "sources." + name);
    if (auto overrides = config.source_overrides_from_environment.find(name);
        overrides != config.source_overrides_from_environment.end()) {
      for (const auto& [key, value] : overrides->second)
        json[key] = value;
    }
    source.table_json = json.dump();
    return source;
  }

  // A file without [sources] gets the built-in tables (config/pricefeed.toml's), so that a file that only
  // sets, say, the database keeps the bundled sources' rate limits. A file with [sources] lists them all.
  std::vector<SourceConfig> built_in_sources(const Config& config) {
    toml::table built_in = toml::parse(built_in_config_toml(), kBuiltInConfigOrigin);
    ParseContext context{std::string(kBuiltInConfigOrigin), context_.environment, context_.warnings};
    return ConfigParser(context, {}).read_sources(*built_in["sources"].as_table(), config);
  }

  void read_routing(TomlSection& root, RoutingConfig& routing) {
    const toml::table* table = root.table("routing");
    if (table == nullptr) return;
    for (auto&& [key, node] : *table) {
      const std::string_view class_name = key.str();
      const std::optional<AssetClass> asset_class = parse_asset_class(class_name);
      if (!asset_class) {
        std::string problem = "unknown asset class; expected one of " + asset_class_choices();
        if (auto suggestion = closest_key(class_name, all_asset_class_names()))
          problem += " (did you mean \"" + *suggestion + "\"?)";
        throw ConfigError(context_.origin, key.source().begin.line, "routing." + std::string(class_name),
                          std::move(problem));
      }
      TomlSection section(context_, table, "routing");
      auto names = section.strings(class_name);
      std::vector<std::string> sources;
      for (const StringValue& name : *names) {
        if (name.value.empty()) {
          section.fail(name.line, class_name,
                       "a source name must not be empty" + name.unset_variables_hint());
        }
        if (std::find(sources.begin(), sources.end(), name.value) != sources.end()) {
          section.fail(name.line, class_name, "\"" + name.value + "\" is listed twice");
        }
        sources.push_back(name.value);
      }
      routing.sources_by_asset_class[*asset_class] = std::move(sources);
      routing_lines_[*asset_class] = line_of(node);
    }
  }

  // Routing may name a source without a table (a dropped-in plugin runs with defaults), but not
  // when such plugins are disabled: then the route can never be served, which is worth saying.
  void warn_about_unreachable_routes(const Config& config) {
    if (config.plugins.enable_unconfigured) return;
    for (const auto& [asset_class, names] : config.routing.sources_by_asset_class) {
      for (const std::string& name : names) {
        if (config.find_source(name) != nullptr) continue;
        auto line = routing_lines_.find(asset_class);
        context_.warnings.push_back(
            ConfigWarning{context_.origin, line == routing_lines_.end() ? 0 : line->second,
                          "routing." + std::string(asset_class_name(asset_class)),
                          "\"" + name + "\" has no [sources." + name +
                              "] table and plugins.enable_unconfigured is false, so it is skipped"});
      }
    }
  }

  const ParseContext& context_;
  std::filesystem::path directory_;
  std::map<AssetClass, std::size_t> routing_lines_;
};

}  // namespace

LoadedConfig load_config_text(std::string_view text, const std::string& origin,
                              const std::filesystem::path& directory, const Environment& environment) {
  const toml::table document = parse_toml(text, origin);
  LoadedConfig loaded;
  ParseContext context{origin, environment, loaded.warnings};
  loaded.config = ConfigParser(context, directory).parse(document);
  loaded.config.directory = directory;
  std::stable_sort(loaded.warnings.begin(), loaded.warnings.end(),
                   [](const ConfigWarning& a, const ConfigWarning& b) { return a.line < b.line; });
  return loaded;
}

LoadedConfig load_config(const std::filesystem::path& file, const Environment& environment) {
  std::string text = read_toml_file(file, "configuration file");
  auto directory = std::filesystem::absolute(file).parent_path().lexically_normal();
  LoadedConfig loaded = load_config_text(text, file.string(), directory, environment);
  loaded.config.file = file;
  return loaded;
}

LoadedConfig default_config(const Environment& environment) {
  return load_config_text(built_in_config_toml(), std::string(kBuiltInConfigOrigin), {}, environment);
}

}  // namespace pricefeed::host
