// The persistent job queue of history fetches (table backfill_queue). Any number of worker threads
// and processes share it through PostgreSQL: claims take due jobs with FOR UPDATE SKIP LOCKED, so
// two workers never get one job; a claimed job is leased (locked_by, locked_until) and every outcome
// is recorded only while its worker still holds the lease, so a worker that lost its job (it
// stalled past the lease and another took over) cannot overwrite what the new holder does. Every
// decision about time (due, lease expiry, backoff) uses the database's clock, never a host's, so
// workers on machines with skewed clocks agree. docs/queue-and-writing.md draws the state machine.
//
// Every error text it stores (error_message, an exhausted source's reason) is redacted first
// (redact_text): a plugin's or upstream's message may carry a key, and the stored text is read back
// by `pricefeed jobs`, /health/sources and anyone with SELECT on the table.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/transaction_base>

#include "host/db/ConnectionPool.hpp"
#include "host/queue/ClaimedJob.hpp"
#include "host/queue/JobStatus.hpp"
#include "host/queue/ManualRetry.hpp"
#include "host/queue/QueueStats.hpp"

namespace pricefeed::host {

struct BackfillQueueOptions {
  // [worker].retry_base_minutes: the backoff is retry_base * 2^(attempts-1) minutes.
  std::int64_t retry_base_minutes = 5;
};

struct EnqueuedJob {
  std::int64_t id = 0;
  // false: an identical job (asset, resolution, range) was already open; `id` is that job.
  bool created = false;
};

struct RetryOutcome {
  // false: the lease was lost (another worker holds the job now); nothing was written.
  bool recorded = false;
  // rate_limited or pending as asked, or failed when this attempt reached max_attempts.
  JobStatus status = JobStatus::pending;
  int attempts = 0;
  // How long the job waits before it is due again: the source's Retry-After, else the backoff.
  std::chrono::milliseconds delay{0};
};

class BackfillQueue {
 public:
  // The queue leases a connection from `pool` for each operation; the pool must outlive it.
  explicit BackfillQueue(ConnectionPool& pool, BackfillQueueOptions options = {});

  // Queues a job inside the caller's transaction (the event handler's), so the job exists exactly
  // when the caller's other writes do. An open job (pending, in_progress, rate_limited) for the same
  // asset, resolution and range is not queued twice, even by concurrent transactions (an advisory
  // lock per key, held until `tx` ends): its id is returned with created = false. `tx` must be
  // READ COMMITTED (pqxx::work's default), so the look-up after the lock sees jobs committed while
  // it waited. `already_exhausted` lets a caller skip sources
  // it knows cannot serve the range (filling a gap "from the next source").
  // Throws std::invalid_argument for a reversed range or max_attempts < 1.
  static EnqueuedJob enqueue(pqxx::transaction_base& tx, std::int64_t asset_id,
                             std::chrono::sys_days start_date, std::chrono::sys_days end_date,
                             Resolution resolution, int max_attempts,
                             const std::vector<ExhaustedSource>& already_exhausted = {});

  // An operator's retry (`pricefeed jobs retry ID`), inside the caller's transaction: a failed job,
  // or a pending / rate_limited one still waiting for its retry_after, becomes pending and due now
  // with attempts 0 (the full budget of max_attempts again) and exhausted_sources emptied (every
  // routed source is asked again: what was not_found yesterday may be listed today). error_message is
  // kept as the record of why it stopped until the next outcome replaces it; source (the one tried
  // last) is kept too. Refused for a completed job (nothing to redo) and an in_progress one (a worker
  // holds its lease; its outcome decides). Not reopened when another open job covers the same
  // asset, resolution and range (enqueue's advisory lock makes that check race-free).
  static ManualRetry retry(pqxx::transaction_base& tx, std::int64_t job_id);

  // retry() for every failed job, oldest id first.
  static std::vector<ManualRetry> retry_failed(pqxx::transaction_base& tx);

  // Retention (docs/resilience.md "Retention"), one batch inside the caller's transaction: deletes up
  // to `limit` completed jobs whose completed_at is more than `older_than_days` days ago, oldest
  // first, and returns how many. Never a failed or open job, nor a completed one that another table
  // still names (any single-column foreign key to backfill_queue(id), read from the catalog, so a
  // table a later migration adds is covered too): a gap's or a split's job is their provenance. Rows
  // another transaction holds are skipped (SKIP LOCKED) for a later batch, not waited for.
  static std::size_t delete_completed_jobs_older_than(pqxx::transaction_base& tx, int older_than_days,
                                                      std::size_t limit);

  // Claims up to `batch_size` due jobs for `worker_id` (unique per worker: host name and process
  // id), oldest due first, in one statement: pending or rate_limited jobs whose retry_after has
  // passed (or is NULL), and in_progress jobs whose lease expired. Each becomes in_progress with
  // locked_by = worker_id and locked_until = now() + lease. Taking over an expired lease counts as
  // a failed attempt (the previous worker died or stalled mid-job), so a job that kills every worker
  // that runs it fails after max_attempts instead of cycling forever.
  std::vector<ClaimedJob> claim(std::string_view worker_id, int batch_size, std::chrono::milliseconds lease);

  // Extends the lease to now() + lease. false: the lease is lost (another worker took the job, or
  // it is no longer in progress): stop working on it and write nothing more for it.
  bool renew(std::int64_t job_id, std::string_view worker_id, std::chrono::milliseconds lease);
  bool renew(const ClaimedJob& job, std::chrono::milliseconds lease) {
    return renew(job.id, job.worker_id, lease);
  }

  // The outcomes. Each is recorded only while job.worker_id holds the lease; false (or
  // recorded = false) means it was lost and nothing was written.

  // Done: status completed, `source` credited.
  bool complete(const ClaimedJob& job, std::string_view source);

  // rate_limited (status rate_limited) or transient (status pending): attempts += 1 and the job is
  // due again after `source_retry_after` when the source named a time, else after
  // retry_base * 2^(attempts-1) minutes. When attempts reaches max_attempts the job fails instead,
  // with "gave up after N attempts: <error>". `status` must be rate_limited or pending. `timed_out`:
  // the attempt ended in a request timeout, so the job's timeouts count goes up by one (its next
  // attempt's requests are given twice as long).
  RetryOutcome retry_later(const ClaimedJob& job, JobStatus status,
                           std::optional<std::chrono::milliseconds> source_retry_after,
                           std::string_view error, std::string_view source, bool timed_out = false);

  // The source's rate limiter held the job's request back before it was sent (the source is cooling
  // down after a 429 another job got, or had no tokens in time): status rate_limited, due after
  // `delay`, and no attempt spent, since the source was not asked. Counting these would fail every job
  // in flight after one 429 (docs/backfill-worker.md).
  bool wait_for_source(const ClaimedJob& job, std::chrono::milliseconds delay, std::string_view error,
                       std::string_view source);

  // `source` answered not_found or permanent: remember it with its reason (once) so that neither
  // this worker nor any later one asks it again for this job. Spends no attempt and keeps the lease:
  // the worker goes on with next_source(job, chain), or fails the job with
  // describe_exhausted_sources(job) when none is left. Updates job.exhausted_sources.
  bool exhaust_source(ClaimedJob& job, std::string_view source, std::string_view reason);

  // Gives up: status failed with `error` as error_message.
  bool fail(const ClaimedJob& job, std::string_view error);

  // The worker lost the database in the middle of the job (docs/resilience.md): the job goes back to
  // pending, due now, with `error` recorded and no attempt spent (the source did nothing wrong), so
  // that it is taken again as soon as the database is back instead of after the lease expires. What
  // the interrupted attempt wrote stays: the write is an upsert, so the retry only adds what is missing.
  bool release(const ClaimedJob& job, std::string_view error);

  QueueStats stats();

  // The statements claim() and complete() send, exactly: tests/bench/queue gives pgbench this very
  // text, so the benchmark's baseline cannot drift from the queue. claim: $1 worker id, $2 batch
  // size, $3 lease in seconds. complete: $1 job id, $2 worker id, $3 source.
  static const std::string& claim_statement();
  static const std::string& complete_statement();

 private:
  // Unlocks the job as `status`, due after `delay` (nullopt: now), with no attempt spent; `source`
  // replaces the source tried last when given. false: the lease was lost.
  bool hand_back_unspent(const ClaimedJob& job, JobStatus status,
                         std::optional<std::chrono::milliseconds> delay, std::string_view error,
                         std::optional<std::string_view> source);

  ConnectionPool& pool_;
  BackfillQueueOptions options_;
};

}  // namespace pricefeed::host
