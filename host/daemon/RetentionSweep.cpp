#include "host/daemon/RetentionSweep.hpp"

#include <pqxx/pqxx>

#include "host/inbox/EventRetention.hpp"
#include "host/log/Log.hpp"
#include "host/queue/BackfillQueue.hpp"

namespace pricefeed::host {
namespace {

// Each batch in a transaction of its own, so that its row locks last one short statement; until a
// batch deletes fewer rows than asked.
template <class DeleteBatch>
std::size_t delete_in_batches(pqxx::connection& connection, std::size_t batch_size,
                              const std::atomic<bool>& stop, std::size_t& batches,
                              DeleteBatch&& delete_batch) {
  std::size_t deleted = 0;
  while (!stop) {
    pqxx::work tx(connection, "retention");
    const std::size_t rows = delete_batch(tx, batch_size);
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
    counts.completed_jobs_deleted =
        delete_in_batches(connection, batch, stop, counts.batches, [&](pqxx::work& tx, std::size_t limit) {
          return BackfillQueue::delete_completed_jobs_older_than(tx, settings.completed_jobs_days, limit);
        });
  }
  if (settings.processed_events_days > 0) {
    counts.events_deleted =
        delete_in_batches(connection, batch, stop, counts.batches, [&](pqxx::work& tx, std::size_t limit) {
          return delete_processed_events_older_than(tx, settings.processed_events_days, limit);
        });
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
