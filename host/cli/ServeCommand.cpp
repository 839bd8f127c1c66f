#include "host/cli/ServeCommand.hpp"

#include <thread>

#include "host/cli/HostIdentityOfThisProcess.hpp"
#include "host/cli/ReloadTriggers.hpp"
#include "host/cli/ServeWork.hpp"
#include "host/cli/ShutdownSignal.hpp"
#include "host/cli/SourceRuntime.hpp"
#include "host/cluster/HostHeartbeat.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/db/Database.hpp"
#include "host/db/ErrorFirstLine.hpp"
#include "host/db/SessionCheck.hpp"
#include "host/health/SourceCallGauges.hpp"
#include "host/health/SourceHealthReader.hpp"
#include "host/http/ApiRoutes.hpp"
#include "host/http/HttpClientOptions.hpp"
#include "host/http/HttpServer.hpp"
#include "host/inbox/EventInbox.hpp"
#include "host/inbox/EventListener.hpp"
#include "host/log/Log.hpp"
#include "host/metrics/DatabaseMetrics.hpp"
#include "host/metrics/HostMetrics.hpp"
#include "host/metrics/RateLimiterGauges.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"
#include "host/reload/ConfigReloader.hpp"
#include "host/stream/StreamCoverage.hpp"
#include "host/stream/StreamMetrics.hpp"
#include "host/stream/StreamService.hpp"
#include "host/stream/StreamWriter.hpp"

namespace pricefeed::host {
namespace {

// What serve's HTTP API may take from a client, with room kept in the descriptor limit for what the
// rest of serve opens after the server starts: the connection pools (`pool_size` + 1 and the health
// routes' 2), the LISTEN connection, the heartbeat's connection, upstream connections (those kept
// idle, plus one per job of a worker batch and a few for the daemon), and a margin for files and DNS.
HttpServerSettings http_server_settings(const Config& config) {
  const std::size_t database = static_cast<std::size_t>(config.database.pool_size) + 1 + 2 + 1 + 1;
  const std::size_t upstream =
      HttpClientOptions{}.max_idle_connections + static_cast<std::size_t>(config.worker.batch_size) + 8;
  constexpr std::size_t kFilesAndDns = 32;
  return HttpServerSettings{
      .listen = config.http.listen,
      .max_connections = static_cast<std::size_t>(config.http.max_connections),
      .reserved_descriptors = database + upstream + kFilesAndDns,
      .max_requests_per_connection = static_cast<std::size_t>(config.http.max_requests_per_connection),
      .idle_timeout = std::chrono::seconds(config.http.keep_alive_timeout_seconds),
      .header_timeout = std::chrono::seconds(config.http.header_timeout_seconds),
      .request_timeout = std::chrono::seconds(config.http.request_timeout_seconds),
  };
}

// Serve's event listener LISTENs, which needs a connection that keeps its session (docs/cluster.md
// "Through PgBouncer"). Through a transaction pooler serve would run and never hear of an event
// written straight into transaction_events: refused at start when the database answers. When it does
// not, the listener checks once it connects (and logs an error, as it cannot stop serve).
void refuse_a_listener_without_session(const std::string& session_url) {
  try {
    const auto connection = open_database_connection(session_url);
    require_session(*connection, session_url, "serve's event listener (LISTEN transaction_events)");
  } catch (const DatabaseSessionError&) {
    throw;
  } catch (const std::exception& error) {
    log_warn("database not reachable at start; the event listener checks its session once it connects",
             {{"error", first_line(error.what())}});
  }
}

}  // namespace

int run_serve_command(const GlobalOptions& options) {
  ignore_reload_signal_until_ready();
  const auto config = std::make_shared<const Config>(load_command_config(options));
  const std::atomic<bool>& stop = shutdown_requested();

  refuse_a_listener_without_session(config->database.session_connection_url());

  SourceRuntime sources(*config);
  // The worker's threads and the HTTP handlers share the pool; one more connection than the
  // worker uses keeps event intake answering while every job writes.
  ConnectionPool pool(config->database.url, static_cast<std::size_t>(config->database.pool_size) + 1);
  // Live streams ([stream], docs/daemon.md "Streams"): the writer and the refresh have connections of
  // their own, so that a busy pool never holds a streamed price up; the assets live on a stream are
  // left out of the daemon's ticks.
  StreamCoverage stream_coverage;
  StreamWriterSettings stream_writing;
  stream_writing.min_interval = std::chrono::milliseconds(config->stream.min_interval_ms);
  StreamWriter stream_writer(stream_writing,
                             [url = config->database.url] { return open_database_connection(url); });
  ConnectionPool stream_pool(config->database.url, 1, std::chrono::seconds(5));
  StreamService streams(
      sources.registry(), stream_pool,
      {.quote =
           [&stream_writer](const std::string& source, const StreamTarget& target, const Quote& quote) {
             stream_writer.offer({.asset_id = target.asset_id,
                                  .symbol = target.symbol,
                                  .source = source,
                                  .asset_class = target.asset_class,
                                  .calendar = target.calendar,
                                  .quote = quote,
                                  .received_at = std::chrono::steady_clock::now()});
           },
       .live = [&stream_coverage](
                   const std::string& source,
                   const StreamTarget& target) { stream_coverage.mark_live(source, {target.asset_id}); },
       .not_live = [&stream_coverage](
                       const std::string& source,
                       const std::vector<std::int64_t>& ids) { stream_coverage.remove(source, ids); }});
  ServeWork work(sources.registry(), pool, stop, &stream_coverage);
  const std::function<void()> start_work = work.prepare(config);

  EventOrchestrator orchestrator(EventOrchestratorSettings::from(config->worker));
  WithConnection pooled = [&pool](const ConnectionWork& use) {
    auto lease = pool.acquire();
    use(*lease);
  };
  EventInbox inbox(pooled, EventValidator{}, orchestrator);
  EventListener listener(config->database.session_connection_url(), orchestrator);

  ConfigReloader reloader(
      config,
      {.load_config = [&options] { return load_command_config(options); },
       .reload_sources = [&sources](const Config& next) { return sources.reload(next); },
       .prepare_work =
           [&work, &orchestrator, &streams, &stream_writer](std::shared_ptr<const Config> next) {
             std::function<void()> start = work.prepare(next);
             return std::function<void()>([start, next, &orchestrator, &streams, &stream_writer] {
               orchestrator.change_settings(EventOrchestratorSettings::from(next->worker));
               start();
               stream_writer.change_min_interval(std::chrono::milliseconds(next->stream.min_interval_ms));
               streams.change_settings(next);
             });
           }});

  // The health routes get two connections of their own and wait at most two seconds for one: a pool
  // busy with backfills never makes a reachable database look down, and an unreachable one is
  // reported as 503 within seconds instead of holding the prober for [database]'s 30 s.
  ConnectionPool health_pool(config->database.url, 2, std::chrono::seconds(2));
  BackfillQueue health_queue(health_pool);
  const SourceHealthReader source_health(sources.registry(), sources.clock(), health_pool,
                                         [&streams] { return streams.status(); });

  // GET /metrics shows the process-wide registry (what the host records as it works) and one that
  // serve owns, filled at scrape time from serve's limiters and database (docs/metrics.md).
  MetricsRegistry scraped_metrics;
  add_rate_limiter_gauges(scraped_metrics, [&sources] { return sources.limiters(); });
  add_source_call_gauges(scraped_metrics, sources.registry());
  add_stream_metrics(scraped_metrics, streams, stream_writer);
  DatabaseMetrics database_metrics(scraped_metrics, health_pool, health_queue);
  // How old the stalest last known price of each source is: latest_prices keeps it when fresh ones
  // cannot be had (docs/resilience.md).
  database_metrics.add_query_gauge(
      "pricefeed_latest_price_oldest_age_seconds",
      "Age of the oldest last known price among the assets a source quoted last.", {"source"},
      "SELECT source, greatest(0, extract(epoch FROM now() - min(ts))) "
      "FROM latest_prices GROUP BY source");
  // The shared token buckets (limit_scope = "cluster"), as every host sees them (docs/cluster.md).
  database_metrics.add_query_gauge("pricefeed_shared_rate_limit_tokens",
                                   "Units in a source's token bucket shared by all hosts.", {"source"},
                                   "SELECT source, tokens FROM source_rate_limit_state");
  database_metrics.add_query_gauge("pricefeed_shared_rate_limit_cooldown_seconds",
                                   "Seconds a source's shared cooldown after a 429/418 still runs (0: none).",
                                   {"source"},
                                   "SELECT source, cooldown_seconds FROM source_rate_limit_state");
  // What the data-quality checks left for a person (docs/quality.md); the tables stay small.
  database_metrics.add_query_gauge("pricefeed_quality_anomalies", "Price anomalies by status.", {"status"},
                                   "SELECT status, count(*) FROM price_anomalies GROUP BY status");
  database_metrics.add_query_gauge("pricefeed_quality_gaps", "Gaps of stored history by status.", {"status"},
                                   "SELECT status, count(*) FROM price_gaps GROUP BY status");
  // The hosts whose heartbeat is live (docs/cluster.md), in all and per version they run.
  const std::string live_hosts = "FROM hosts WHERE pricefeed_host_alive(id, make_interval(secs => " +
                                 std::to_string(config->cluster.dead_after_seconds) + "))";
  database_metrics.add_query_gauge("pricefeed_cluster_hosts_live", "Hosts whose heartbeat is live.", {},
                                   "SELECT count(*) " + live_hosts);
  database_metrics.add_query_gauge("pricefeed_cluster_hosts_live_by_version",
                                   "Hosts whose heartbeat is live, by the pricefeed version they run.",
                                   {"version"},
                                   "SELECT version, count(*) " + live_hosts + " GROUP BY version");
  database_metrics.add_query_gauge("pricefeed_quality_divergences", "Cross-source divergences by status.",
                                   {"status"},
                                   "SELECT status, count(*) FROM price_divergences GROUP BY status");

  Router router(config->http.auth_token);
  add_api_routes(router, {.health_pool = health_pool,
                          .queue = health_queue,
                          .sources = source_health,
                          .metrics = {&scraped_metrics, &process_metrics()},
                          .inbox = inbox,
                          .dead_after = std::chrono::seconds(config->cluster.dead_after_seconds),
                          .reloader = &reloader});
  HttpServer server(http_server_settings(*config), std::move(router));

  // The host is listed (and reclaims dead hosts' leases) before it takes any work.
  HostHeartbeat heartbeat(config->database.url,
                          host_identity_of_this_process({kServeRole, kWorkerRole, kDaemonRole}),
                          config->cluster, [&work] { return work.jobs_held(); });
  heartbeat.start();
  listener.start();
  server.start();
  log_info("pricefeed serving", {{"listen", config->http.listen},
                                 {"port", static_cast<std::int64_t>(server.port())},
                                 {"worker_id", work.worker_id()}});
  start_work();
  auto triggers = std::make_unique<ReloadTriggers>(reloader);
  // After the triggers: a SIGHUP is ignored until they are ready, and the streams' start (the
  // calendars) must not widen that window.
  streams.start(config);
  const std::jthread release_waiting_requests =
      when_shutdown_requested([&] { sources.stop_waiting_for_tokens(); });
  // SIGINT/SIGTERM set the flag, which no signal handler can notify: look a few times a second.
  while (!stop)
    std::this_thread::sleep_for(std::chrono::milliseconds(200));

  log_info("pricefeed stopping");
  triggers.reset();  // no reload starts while the work winds down
  streams.stop();
  stream_writer.stop();
  work.join();
  server.stop();
  listener.stop();
  heartbeat.stop();
  return 0;
}

}  // namespace pricefeed::host
