// The metrics the host records as it works, in one process-wide registry that GET /metrics shows.
//
//   host_metrics().rows_written.labels({series.source}).inc(written);
//
// Why one process-wide registry instead of an object handed down: the places that record are deep
// in libraries that every command shares (a plugin's HTTP call in RateLimitedSourceHttp, made for
// the worker and the daemon alike; the PriceWriter's batches; the worker's job runs; the daemon's
// ticks), each built through several layers of constructors. A process exposes one set of
// metrics, so threading a registry through all of them would change half the host's signatures
// and gain nothing. Commands other than `serve` record too and nobody reads it; that costs an
// atomic add per event. Tests of the registry itself use MetricsRegistry objects of their own; the
// values that are read at scrape time from objects `serve` owns (the queue, the limiters) go into
// a registry `serve` owns (see ServeCommand.cpp), so no hook outlives what it reads.
//
// docs/metrics.md lists every metric and how to add one.
#pragma once

#include "host/metrics/MetricsRegistry.hpp"

namespace pricefeed::host {

struct HostMetrics {
  explicit HostMetrics(MetricsRegistry& registry);

  // {source, reason}: reason "upstream_answer" (a 429/418), "cooling_down" (refused: the source is
  // cooling down), "no_tokens_in_time" (refused: no token within the longest wait).
  CounterFamily& rate_limit_hits;
  // {source, status}: status is the HTTP status code, or "error" when no answer came (transport
  // failure, timeout, bad URL).
  HistogramFamily& upstream_request_duration;
  // {outcome}: a worker's run of one job: completed, retry_later, failed, lease_lost.
  HistogramFamily& backfill_duration;
  // Jobs that ended failed (for good) in this process.
  CounterFamily& jobs_failed;
  // {source}: rows inserted or changed in asset_prices (backfill batches and the daemon's bars).
  CounterFamily& rows_written;
  // {source, reason}: bars and quotes refused before the database (BarRejection names, or
  // "invalid_quote" for the daemon's quotes).
  CounterFamily& rows_rejected;
  HistogramFamily& daemon_tick_duration;
  // {source}: splits a source reported that were new to asset_splits (host/quality/SplitRefetch).
  CounterFamily& splits_detected;
  // {outcome}: reloads of serve (SIGHUP, POST /v1/admin/reload, the plugin watcher) by how they ended:
  // applied, unchanged, partial, refused (host/reload).
  CounterFamily& reloads;
};

// The process-wide registry, with the families above (and build_info, start_time) registered.
MetricsRegistry& process_metrics();
HostMetrics& host_metrics();

}  // namespace pricefeed::host
