// A backfill job as an operator sees it (`pricefeed jobs`): every column of its backfill_queue row,
// with the asset it is for. Times are ISO 8601 UTC text ("2026-11-25T15:04:05Z") as the database
// formats them, so what is printed is exactly what is stored.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "host/queue/JobStatus.hpp"

namespace pricefeed::host {

struct QueuedJob {
  std::int64_t id = 0;
  std::int64_t asset_id = 0;
  std::string symbol;
  std::string asset_class;
  std::string resolution;
  std::string start_date;  // "YYYY-MM-DD", inclusive
  std::string end_date;    // "YYYY-MM-DD", inclusive
  JobStatus status = JobStatus::pending;
  int attempts = 0;
  int max_attempts = 0;
  std::optional<std::string> source;
  std::optional<std::string> retry_after;
  std::optional<std::string> locked_by;
  std::optional<std::string> locked_until;
  std::optional<std::string> error_message;
  std::string exhausted_sources_json = "[]";  // the jsonb array as stored
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> completed_at;
  // Seconds from the database's now() to retry_after / locked_until (negative: already past).
  std::optional<std::int64_t> seconds_until_retry;
  std::optional<std::int64_t> seconds_until_lease_ends;

  // "AAPL stock 1d 2025-01-02..2025-12-31": which job this is, in words.
  std::string describe() const;
};

// The newest `limit` jobs (by created_at, then id), of `status` only when given.
std::vector<QueuedJob> list_queued_jobs(pqxx::transaction_base& tx, std::optional<JobStatus> status,
                                        int limit);

// One job; with lock_row the row stays locked (FOR UPDATE) until `tx` ends.
std::optional<QueuedJob> find_queued_job(pqxx::transaction_base& tx, std::int64_t job_id,
                                         bool lock_row = false);

// How many jobs each status has, over the whole queue; every status is present (0 when none).
std::map<JobStatus, std::int64_t> count_queued_jobs_by_status(pqxx::transaction_base& tx);

}  // namespace pricefeed::host
