#include "host/metrics/DatabaseMetrics.hpp"

#include <pqxx/pqxx>

#include "host/log/Log.hpp"

namespace pricefeed::host {

DatabaseMetrics::DatabaseMetrics(MetricsRegistry& registry, ConnectionPool& pool, BackfillQueue& queue)
    : registry_(registry),
      pool_(pool),
      queue_(queue),
      up_(registry.gauge("pricefeed_database_up", "1 when this scrape could read PostgreSQL, else 0.")),
      jobs_(registry.gauge("pricefeed_jobs", "Backfill jobs in the queue, by status.", {"status"})),
      due_(registry.gauge("pricefeed_jobs_due", "Backfill jobs a worker's claim would take now.")),
      oldest_due_age_(
          registry.gauge("pricefeed_jobs_oldest_due_age_seconds",
                         "How long the backfill job due longest has waited (0 when none is due).")),
      failed_last_24h_(registry.gauge("pricefeed_jobs_failed_last_24h",
                                      "Backfill jobs that failed for good in the last 24 hours.")) {
  add_query_gauge("pricefeed_tracked_assets", "Tracked assets with at least one holder.", {},
                  "SELECT count(*) FROM tracked_assets WHERE tracking_users > 0");
  registry.on_scrape([this] { refresh(); });
}

void DatabaseMetrics::add_query_gauge(std::string name, std::string help,
                                      std::vector<std::string> label_names, std::string sql) {
  GaugeFamily& family = registry_.gauge(std::move(name), std::move(help), std::move(label_names));
  query_gauges_.push_back({&family, std::move(sql)});
}

void DatabaseMetrics::read(QueryGauge& gauge, pqxx::connection& connection) {
  pqxx::read_transaction tx(connection);
  const pqxx::result rows = tx.exec(gauge.sql);
  const auto labels = gauge.family->label_names().size();
  if (rows.columns() != static_cast<pqxx::row::size_type>(labels + 1))
    throw std::runtime_error("metric " + gauge.family->name() + ": its query returns " +
                             std::to_string(rows.columns()) + " columns, " + std::to_string(labels + 1) +
                             " expected (one per label, then the value)");
  gauge.family->clear();
  for (const auto& row : rows) {
    if (row.back().is_null()) continue;
    // labels() takes string_views: at most a few labels per gauge, read straight from the row.
    std::vector<std::string_view> values;
    for (std::size_t i = 0; i < labels; ++i)
      values.emplace_back(row[static_cast<pqxx::row::size_type>(i)].is_null()
                              ? std::string_view{}
                              : std::string_view(row[static_cast<pqxx::row::size_type>(i)].c_str()));
    Gauge* child = nullptr;
    switch (labels) {
      case 0:
        child = &gauge.family->labels();
        break;
      case 1:
        child = &gauge.family->labels({values[0]});
        break;
      case 2:
        child = &gauge.family->labels({values[0], values[1]});
        break;
      case 3:
        child = &gauge.family->labels({values[0], values[1], values[2]});
        break;
      default:
        throw std::runtime_error("metric " + gauge.family->name() + ": a query gauge has at most 3 labels");
    }
    child->set(row.back().as<double>());
  }
}

void DatabaseMetrics::forget_database_values() {
  jobs_.clear();
  due_.clear();
  oldest_due_age_.clear();
  failed_last_24h_.clear();
  for (QueryGauge& gauge : query_gauges_)
    gauge.family->clear();
}

void DatabaseMetrics::refresh() {
  try {
    // stats() leases a connection of its own; the other reads share one lease afterwards, so a
    // scrape never holds both of the health pool's connections.
    const QueueStats stats = queue_.stats();
    for (const auto& [status, count] : stats.jobs_by_status)
      jobs_.labels({to_string(status)}).set(static_cast<double>(count));
    due_.labels().set(static_cast<double>(stats.due));
    oldest_due_age_.labels().set(
        stats.oldest_due_age ? std::chrono::duration<double>(*stats.oldest_due_age).count() : 0.0);
    failed_last_24h_.labels().set(static_cast<double>(stats.failed_last_24h));
    auto connection = pool_.acquire();
    for (QueryGauge& gauge : query_gauges_) {
      try {
        read(gauge, *connection);
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const std::exception& error) {
        // One broken statement (a gauge another change added) must not read as the database being
        // down, nor cost the other gauges: this one shows no samples, and the log says why.
        gauge.family->clear();
        log_warn("metrics: a database gauge could not be read",
                 {{"metric", gauge.family->name()}, {"error", error.what()}});
      }
    }
    up_.labels().set(1);
  } catch (const std::exception& error) {
    forget_database_values();
    up_.labels().set(0);
    log_warn("metrics: the database could not be read", {{"error", error.what()}});
  }
}

}  // namespace pricefeed::host
