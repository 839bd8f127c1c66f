#include "host/metrics/HostMetrics.hpp"

#include <chrono>

namespace pricefeed::host {
namespace {

MetricsRegistry& registry() {
  static MetricsRegistry instance;
  return instance;
}

}  // namespace

HostMetrics::HostMetrics(MetricsRegistry& r)
    : rate_limit_hits(r.counter("pricefeed_rate_limit_hits_total",
                                "Upstream requests that met a rate limit: a 429/418 answer, or a request the "
                                "source's limiter refused (cooling down, no token in time).",
                                {"source", "reason"})),
      upstream_request_duration(r.histogram(
          "pricefeed_upstream_request_duration_seconds",
          "Time of a plugin's HTTP request to its source, by HTTP status (\"error\" when no answer came).",
          {"source", "status"}, {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60})),
      backfill_duration(r.histogram("pricefeed_backfill_duration_seconds",
                                    "Time a worker spent on one run of a backfill job, by its outcome.",
                                    {"outcome"},
                                    {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800})),
      jobs_failed(r.counter("pricefeed_jobs_failed_total",
                            "Backfill jobs that this process saw end failed (no attempt or source left).")),
      rows_written(r.counter("pricefeed_rows_written_total",
                             "Rows inserted or changed in asset_prices, by the source credited.",
                             {"source"})),
      rows_rejected(r.counter("pricefeed_rows_rejected_total",
                              "Bars and quotes refused before reaching the database, by source and reason.",
                              {"source", "reason"})),
      daemon_tick_duration(r.histogram("pricefeed_daemon_tick_duration_seconds",
                                       "Time of one daemon tick (periodic tasks, quotes, valuations).", {},
                                       {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300})),
      splits_detected(r.counter("pricefeed_splits_detected_total",
                                "Splits a source reported inside or after stored history, each counted once.",
                                {"source"})),
      reloads(r.counter(
          "pricefeed_reloads_total",
          "Reloads of the configuration and plugins, by outcome (applied, unchanged, partial, refused).",
          {"outcome"})) {
  // Families without labels show 0 from the start instead of appearing with their first event.
  jobs_failed.labels();
  daemon_tick_duration.labels();
  r.gauge("pricefeed_build_info", "Always 1; the version the host was built as is its label.", {"version"})
      .labels({PRICEFEED_VERSION})
      .set(1);
  r.gauge("pricefeed_start_time_seconds", "When the process set up its metrics, in Unix seconds.")
      .labels()
      .set(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());
}

HostMetrics& host_metrics() {
  static HostMetrics metrics(registry());
  return metrics;
}

MetricsRegistry& process_metrics() {
  host_metrics();
  return registry();
}

}  // namespace pricefeed::host
