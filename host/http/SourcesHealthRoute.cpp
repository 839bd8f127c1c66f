#include "host/http/SourcesHealthRoute.hpp"

#include "host/http/DatabaseUnavailableResponse.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;

namespace {

nlohmann::json timestamp_json(const std::optional<UtcTime>& instant) {
  if (!instant) return nullptr;
  return format_utc_timestamp(*instant);
}

nlohmann::json rate_limit_json(const SourceHealth& source) {
  if (!source.rate_limiter) return nullptr;
  const RateLimiterState& state = *source.rate_limiter;
  return {{"tokens", state.tokens},
          {"capacity", state.capacity},
          {"cooldown_until", timestamp_json(source.cooldown_until)},
          {"requests_granted", state.requests_granted},
          {"rate_limited_responses", state.rate_limited_responses},
          {"callers_waiting", state.callers_waiting}};
}

nlohmann::json wall_time_json(const std::optional<std::chrono::system_clock::time_point>& instant) {
  if (!instant) return nullptr;
  return format_utc_timestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(*instant));
}

nlohmann::json calls_json(const SourceCallRecord& calls) {
  return {{"consecutive_failures", calls.consecutive_failures},
          {"last_success_at", wall_time_json(calls.last_success_at)},
          {"last_failure_at", wall_time_json(calls.last_failure_at)},
          {"last_failure",
           calls.last_failure.empty() ? nlohmann::json(nullptr) : nlohmann::json(calls.last_failure)}};
}

// A source's streams: "connected" while any of its connections is up; "since" when the first of them
// connected (or, all down, when the last went down); the last message's age over all of them.
nlohmann::json stream_json(const SourceStreamStatus& stream) {
  nlohmann::json connections = nlohmann::json::array();
  bool connected = false;
  std::size_t subscriptions = 0;
  std::optional<std::chrono::sys_seconds> since;
  std::optional<std::chrono::milliseconds> last_message_age;
  for (const StreamConnectionStatus& c : stream.connections) {
    connected = connected || c.connected;
    subscriptions += c.subscriptions;
    if (c.last_message_age && (!last_message_age || *c.last_message_age < *last_message_age))
      last_message_age = c.last_message_age;
    nlohmann::json one = {
        {"connected", c.connected},
        {"since", format_utc_timestamp(c.since)},
        {"subscriptions", c.subscriptions},
        {"last_message_age_seconds", nullptr},
        {"failures_in_a_row", c.failures},
        {"last_error", c.last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.last_error)}};
    if (c.last_message_age)
      one["last_message_age_seconds"] = static_cast<double>(c.last_message_age->count()) / 1000.0;
    connections.push_back(std::move(one));
  }
  for (const StreamConnectionStatus& c : stream.connections) {
    if (c.connected != connected) continue;
    if (!since || (connected ? c.since < *since : c.since > *since)) since = c.since;
  }
  nlohmann::json json = {
      {"connected", connected},
      {"since", since ? nlohmann::json(format_utc_timestamp(*since)) : nlohmann::json(nullptr)},
      {"subscriptions", subscriptions},
      {"last_message_age_seconds", nullptr},
      {"messages", stream.messages},
      {"reconnects", stream.reconnects},
      {"dropped_frames", stream.dropped_frames},
      {"lag_seconds", nullptr},
      {"connections", std::move(connections)}};
  if (last_message_age)
    json["last_message_age_seconds"] = static_cast<double>(last_message_age->count()) / 1000.0;
  if (stream.lag) json["lag_seconds"] = static_cast<double>(stream.lag->count()) / 1000.0;
  return json;
}

nlohmann::json source_json(const SourceHealth& source) {
  nlohmann::json json = {
      {"name", source.name},
      {"plugin", source.plugin},
      {"plugin_version", source.plugin_version},
      {"plugin_file", source.plugin_file},
      {"fingerprint", source.fingerprint},
      {"rate_limit", rate_limit_json(source)},
      {"calls", calls_json(source.calls)},
      {"alert", source.calls.failing() ? nlohmann::json(kSourceFailingAlert) : nlohmann::json(nullptr)}};
  if (source.stream) json["stream"] = stream_json(*source.stream);
  if (!source.activity) return json;
  const SourceActivity& activity = *source.activity;
  json["last_success_at"] = timestamp_json(activity.last_success_at());
  json["last_backfill_completed_at"] = timestamp_json(activity.last_backfill_completed_at);
  json["last_quote_written_at"] = timestamp_json(activity.last_quote_written_at);
  json["last_error"] = nullptr;
  if (activity.last_error) {
    json["last_error"] = {{"message", activity.last_error->message},
                          {"at", format_utc_timestamp(activity.last_error->at)}};
  }
  json["freshness_lag_seconds"] = nullptr;
  if (activity.freshness_lag) json["freshness_lag_seconds"] = activity.freshness_lag->count();
  json["oldest_price_age_seconds"] = nullptr;
  if (activity.oldest_price_age) json["oldest_price_age_seconds"] = activity.oldest_price_age->count();
  json["quality"] = {{"open_anomalies", activity.open_anomalies},
                     {"unresolved_gaps", activity.unresolved_gaps},
                     {"open_divergences", activity.open_divergences}};
  return json;
}

}  // namespace

void add_sources_health_route(Router& router, const SourceHealthReader& reader) {
  router.add(http::verb::get, "/health/sources", RouteAccess::bearer_token,
             [&reader](const HttpServerRequest&) {
               const SourceHealthSnapshot snapshot = reader.read();
               nlohmann::json sources = nlohmann::json::array();
               for (const SourceHealth& source : snapshot.sources)
                 sources.push_back(source_json(source));
               nlohmann::json body = {{"fingerprint_salt", snapshot.fingerprint_salt},
                                      {"sources", std::move(sources)}};
               if (snapshot.database_error)
                 return database_unavailable_response(*snapshot.database_error, std::move(body));
               return json_response(http::status::ok, std::move(body));
             });
}

}  // namespace pricefeed::host
