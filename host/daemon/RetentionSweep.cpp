#include "host/daemon/RetentionSweep.hpp"

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "host/log/Log.hpp"

namespace pricefeed::host {
namespace {

// Every single-column foreign key that points at backfill_queue(id), read from the catalog so that a
// table a later migration adds (asset_splits.refetch_job_id ...) keeps its jobs without this file
// having to know it.
std::string unreferenced_job_condition(pqxx::work& tx) {
  const pqxx::result references = tx.exec(R"sql(
SELECT c.conrelid::regclass::text, a.attname
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
WHERE c.contype = 'f' AND c.confrelid = 'backfill_queue'::regclass AND cardinality(c.conkey) = 1
ORDER BY 1, 2)sql");
  std::string condition;
  for (const auto& row : references) {
    // regclass::text is already quoted where it needs to be; the column name is quoted here.
    condition += " AND NOT EXISTS (SELECT 1 FROM " + row[0].as<std::string>() + " r WHERE r." +
                 tx.quote_name(row[1].as<std::string>()) + " = q.id)";
  }
  return condition;
}

// Runs `delete_batch` in transactions of its own until a batch deletes fewer rows than asked.
std::size_t delete_in_batches(pqxx::connection& connection, const std::string& sql, int days,
                              std::size_t batch_size, const std::atomic<bool>& stop, std::size_t& batches) {
  std::size_t deleted = 0;
  while (!stop) {
    pqxx::work tx(connection, "retention");
    const std::size_t rows = tx.exec_params(sql, days, static_cast<std::int64_t>(batch_size)).affected_rows();
    tx.commit();
    deleted += rows;
    if (rows > 0) ++batches;
    if (rows < batch_size) break;
  }
  return deleted;
}

}  // namespace

RetentionSettings RetentionSettings::from(const Config& config) {
  RetentionSettings settings;
  settings.completed_jobs_days = config.worker.retain_completed_days;
  settings.processed_events_days = config.events.retain_days;
  return settings;
}

RetentionSweepCounts sweep_retention(pqxx::connection& connection, const RetentionSettings& settings,
                                     const std::atomic<bool>& stop) {
  RetentionSweepCounts counts;
  const std::size_t batch = settings.batch_size > 0 ? settings.batch_size : 1;
  if (settings.completed_jobs_days > 0) {
    std::string keep_referenced;
    {
      pqxx::work tx(connection, "retention references");
      keep_referenced = unreferenced_job_condition(tx);
    }
    const std::string sql =
        "DELETE FROM backfill_queue WHERE id IN ("
        " SELECT q.id FROM backfill_queue q"
        " WHERE q.status = 'completed' AND q.completed_at < now() - make_interval(days => $1)" +
        keep_referenced + " ORDER BY q.completed_at LIMIT $2 FOR UPDATE SKIP LOCKED)";
    counts.completed_jobs_deleted =
        delete_in_batches(connection, sql, settings.completed_jobs_days, batch, stop, counts.batches);
  }
  if (settings.processed_events_days > 0) {
    const std::string sql =
        "DELETE FROM transaction_events WHERE event_id IN ("
        " SELECT event_id FROM transaction_events"
        " WHERE processed_at IS NOT NULL AND processed_at < now() - make_interval(days => $1)"
        " ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED)";
    counts.events_deleted =
        delete_in_batches(connection, sql, settings.processed_events_days, batch, stop, counts.batches);
  }
  return counts;
}

PeriodicTask retention_task(RetentionSettings settings) {
  return {"retention", kRetentionSweepEvery,
          [settings](pqxx::connection& conn, const std::atomic<bool>& stop) {
            const RetentionSweepCounts counts = sweep_retention(conn, settings, stop);
            log_info("retention sweep done",
                     {{"completed_jobs_deleted", static_cast<std::int64_t>(counts.completed_jobs_deleted)},
                      {"events_deleted", static_cast<std::int64_t>(counts.events_deleted)},
                      {"batches", static_cast<std::int64_t>(counts.batches)}});
          }};
}

}  // namespace pricefeed::host
