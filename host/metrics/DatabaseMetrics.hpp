// The metrics read from PostgreSQL when /metrics is scraped, through `serve`'s small health pool:
//
//   pricefeed_database_up                       1 when this scrape read the database, else 0
//   pricefeed_jobs{status}                      backfill jobs per status (BackfillQueue::stats())
//   pricefeed_jobs_due                          jobs a claim would take now
//   pricefeed_jobs_oldest_due_age_seconds       how long the longest-due job has waited (0: none due)
//   pricefeed_jobs_failed_last_24h              jobs that failed for good in the last 24 h
//   pricefeed_tracked_assets                    tracked assets with at least one holder
//
// When the database cannot be read, the scrape still succeeds: database_up is 0 and the families
// read from the database have no samples (a stale count would look current), while the in-process
// metrics are there as always.
//
// More database gauges are one line each (docs/metrics.md):
//   database_metrics.add_query_gauge("pricefeed_price_gaps", "Known gaps by resolution.",
//                                    {"resolution"}, "SELECT resolution, count(*) FROM price_gaps GROUP BY
//                                    1");
#pragma once

#include <string>
#include <vector>

#include "host/db/ConnectionPool.hpp"
#include "host/metrics/MetricsRegistry.hpp"
#include "host/queue/BackfillQueue.hpp"

namespace pricefeed::host {

class DatabaseMetrics {
 public:
  // Registers the families above in `registry` and a scrape hook that fills them. This object, the
  // pool and the queue must outlive the registry's last scrape.
  DatabaseMetrics(MetricsRegistry& registry, ConnectionPool& pool, BackfillQueue& queue);
  DatabaseMetrics(const DatabaseMetrics&) = delete;
  DatabaseMetrics& operator=(const DatabaseMetrics&) = delete;

  // A gauge whose samples are the rows of `sql`, run read-only at every scrape: one text column per
  // label (in `label_names` order; NULL reads as ""), then the value (a number; a NULL row is
  // skipped). The statement must be cheap: it runs on the health pool with every scrape.
  void add_query_gauge(std::string name, std::string help, std::vector<std::string> label_names,
                       std::string sql);

 private:
  struct QueryGauge {
    GaugeFamily* family;
    std::string sql;
  };

  void refresh();
  void read(QueryGauge& gauge, pqxx::connection& connection);
  void forget_database_values();

  MetricsRegistry& registry_;
  ConnectionPool& pool_;
  BackfillQueue& queue_;
  GaugeFamily& up_;
  GaugeFamily& jobs_;
  GaugeFamily& due_;
  GaugeFamily& oldest_due_age_;
  GaugeFamily& failed_last_24h_;
  std::vector<QueryGauge> query_gauges_;  // changed only before serving starts
};

}  // namespace pricefeed::host
