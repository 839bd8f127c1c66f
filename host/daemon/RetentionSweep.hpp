// Keeps the bookkeeping tables from growing without end: completed backfill jobs older than
// [worker].retain_completed_days and processed transaction events older than [events].retain_days are
// deleted, a batch at a time, each batch its own short transaction whose rows are taken with
// FOR UPDATE SKIP LOCKED, so a sweep never waits on, nor holds up for long, a worker claiming jobs or
// the inbox handling events. What is still worth a look is never touched: failed jobs (they stay until
// retried or removed by an operator), open jobs, unprocessed events, and completed jobs that another
// table still points to (a gap's or a split's job: their provenance). Those rules are the tables'
// owners', which delete the rows: BackfillQueue::delete_completed_jobs_older_than and host/inbox's
// delete_processed_events_older_than. A setting of 0 days keeps that table's rows forever. The daemon
// runs it hourly as the "retention" PeriodicTask (docs/resilience.md).
#pragma once

#include <atomic>
#include <cstddef>

#include <pqxx/connection>

#include "host/config/Config.hpp"
#include "host/daemon/PeriodicTask.hpp"

namespace pricefeed::host {

struct RetentionSettings {
  int completed_jobs_days = 30;    // [worker].retain_completed_days; 0 = keep forever
  int processed_events_days = 90;  // [events].retain_days; 0 = keep forever
  std::size_t batch_size = 1000;   // rows per transaction

  static RetentionSettings from(const Config& config);
};

struct RetentionSweepCounts {
  std::size_t completed_jobs_deleted = 0;
  std::size_t events_deleted = 0;
  std::size_t batches = 0;  // transactions that deleted something
};

// Deletes until nothing old is left (or `stop` is set, between batches). Throws what libpqxx throws;
// batches committed before a failure stay deleted, and the next sweep goes on from there.
RetentionSweepCounts sweep_retention(pqxx::connection& connection, const RetentionSettings& settings,
                                     const std::atomic<bool>& stop);

inline constexpr std::chrono::hours kRetentionSweepEvery{1};

// The daemon's hourly "retention" task.
PeriodicTask retention_task(RetentionSettings settings);

}  // namespace pricefeed::host
