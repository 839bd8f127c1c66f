#include "host/queue/BackfillQueue.hpp"

#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

#include <pqxx/nontransaction>
#include <pqxx/result>

#include "host/assets/SourceSymbol.hpp"
#include "host/log/Log.hpp"
#include "host/queue/BackfillQueueError.hpp"
#include "host/ratelimit/Backoff.hpp"
#include "host/redaction/TextRedaction.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {
namespace {

// When a job is due, in the database's clock. A job with a NULL retry_after or locked_until (set by
// hand, or never delayed) is due at once.
constexpr const char* kDueCondition = R"sql(
  (status IN ('pending', 'rate_limited') AND (retry_after IS NULL OR retry_after <= now()))
  OR (status = 'in_progress' AND (locked_until IS NULL OR locked_until < now())))sql";

// Since when a due job has been waiting: "oldest due first" and the queue's age both sort on it.
constexpr const char* kDueSince = R"sql(
  CASE WHEN status = 'in_progress' THEN coalesce(locked_until, updated_at)
       ELSE coalesce(retry_after, created_at) END)sql";

// The one claim statement. `due` picks and locks the rows (SKIP LOCKED: rows another worker is
// claiming at this moment are passed over, not waited for; a row that another claim committed in the
// meantime is re-checked against the WHERE and dropped); `claimed` leases them; the last SELECT adds
// what the worker needs from assets. A rescued job whose attempts reach max_attempts is failed here
// instead of leased, and reported back with given_up so the caller can log it.
std::string claim_statement_text() {
  return std::string(R"sql(
WITH due AS (
  SELECT id,
         )sql") +
         kDueSince + R"sql( AS due_since,
         status = 'in_progress' AS rescued,
         status = 'in_progress' AND attempts + 1 >= max_attempts AS gives_up
  FROM backfill_queue
  WHERE )sql" +
         kDueCondition + R"sql(
  ORDER BY due_since, id
  LIMIT $2
  FOR UPDATE SKIP LOCKED
),
claimed AS (
  UPDATE backfill_queue q
  SET status = CASE WHEN due.gives_up THEN 'failed' ELSE 'in_progress' END,
      attempts = q.attempts + CASE WHEN due.rescued THEN 1 ELSE 0 END,
      error_message = CASE
        WHEN due.gives_up THEN format(
          'gave up after %s attempts: the lease of %s expired before it recorded an outcome '
          '(the worker stopped or stalled mid-job)', q.attempts + 1, coalesce(q.locked_by, 'a worker'))
        WHEN due.rescued THEN format(
          'the lease of %s expired before it recorded an outcome; taken over by %s',
          coalesce(q.locked_by, 'a worker'), $1::text)
        ELSE q.error_message END,
      locked_by = CASE WHEN due.gives_up THEN q.locked_by ELSE $1::text END,
      locked_until = CASE WHEN due.gives_up THEN NULL ELSE now() + make_interval(secs => $3::double precision) END,
      updated_at = now()
  FROM due
  WHERE q.id = due.id
  RETURNING q.id, q.asset_id, q.start_date, q.end_date, q.resolution, q.attempts, q.max_attempts, q.source,
            q.exhausted_sources, q.error_message, q.locked_by, due.due_since, due.gives_up, q.timeouts
)
SELECT c.id, c.asset_id, a.symbol, a.asset_class, a.source_ids::text,
       to_char(c.start_date, 'YYYY-MM-DD'), to_char(c.end_date, 'YYYY-MM-DD'), c.resolution,
       c.attempts, c.max_attempts, c.source, c.exhausted_sources::text, c.gives_up, c.error_message,
       c.timeouts
FROM claimed c
JOIN assets a ON a.id = c.asset_id
ORDER BY c.due_since, c.id
)sql";
}

// Guards every outcome: the worker must still hold the job's lease.
constexpr const char* kLeaseHeld = "id = $1 AND locked_by = $2 AND status = 'in_progress'";

double seconds_of(std::chrono::milliseconds duration) {
  return static_cast<double>(duration.count()) / 1000.0;
}

std::vector<ExhaustedSource> parse_exhausted_sources(const std::string& json_text, std::int64_t job_id) {
  std::vector<ExhaustedSource> sources;
  const nlohmann::json parsed = nlohmann::json::parse(json_text, nullptr, false);
  if (!parsed.is_array()) {
    throw BackfillQueueError("backfill job " + std::to_string(job_id) +
                             ": exhausted_sources is not a JSON array: " + json_text);
  }
  for (const auto& entry : parsed) {
    if (!entry.is_object() || !entry.contains("source") || !entry["source"].is_string()) continue;
    ExhaustedSource exhausted;
    exhausted.source = entry["source"].get<std::string>();
    if (entry.contains("reason") && entry["reason"].is_string())
      exhausted.reason = entry["reason"].get<std::string>();
    sources.push_back(std::move(exhausted));
  }
  return sources;
}

std::string exhausted_sources_json(const std::vector<ExhaustedSource>& sources) {
  nlohmann::json array = nlohmann::json::array();
  for (const ExhaustedSource& exhausted : sources) {
    array.push_back({{"source", exhausted.source}, {"reason", exhausted.reason}});
  }
  return array.dump();
}

// Runs `operation` on a leased connection, in autocommit. Each of the queue's operations is one
// statement, which is a transaction of its own: an explicit BEGIN and COMMIT around it would only add
// two round trips (a no-op job's claim and completion took six instead of two, tests/bench/queue).
// `name` names the statement in pqxx's errors. Any failure becomes a BackfillQueueError that says what
// was being done, with the original exception nested.
template <class Operation>
auto in_autocommit(ConnectionPool& pool, const std::string& what, const char* name, Operation&& operation) {
  try {
    auto connection = pool.acquire();
    pqxx::nontransaction statement(*connection, name);
    return operation(statement);
  } catch (const BackfillQueueError&) {
    throw;
  } catch (const std::exception& error) {
    std::throw_with_nested(BackfillQueueError(what + ": " + error.what()));
  }
}

std::string job_context(const std::string& what, const ClaimedJob& job) {
  return what + " of backfill job " + std::to_string(job.id) + " (asset " + std::to_string(job.asset_id) +
         ", worker " + job.worker_id + ")";
}

// Two events for one asset handled at once must not both find no open job and both insert one.
// A transaction-level advisory lock on the job's key serializes them: the second waits until the
// first transaction ends, and its look-up (a new statement, so a new snapshot under READ
// COMMITTED) then sees the first's job. Jobs of other keys never wait for each other. A manual
// retry that reopens a job takes the same lock, so it cannot race an enqueue of the same key.
void lock_job_key(pqxx::transaction_base& tx, std::int64_t asset_id, const std::string& resolution,
                  const std::string& start, const std::string& end) {
  tx.exec_params(
      "SELECT pg_advisory_xact_lock(hashtextextended(format('pricefeed.backfill_queue/%s/%s/%s/%s', "
      "$1::bigint, "
      "$2::text, $3::text, $4::text), 0))",
      asset_id, resolution, start, end);
}

// The open job (pending, in_progress, rate_limited) of a key other than `except_id`: id, status.
pqxx::result find_open_job(pqxx::transaction_base& tx, std::int64_t asset_id, const std::string& resolution,
                           const std::string& start, const std::string& end, std::int64_t except_id) {
  return tx.exec_params(
      "SELECT id, status FROM backfill_queue WHERE asset_id = $1 AND resolution = $2 AND start_date = "
      "$3::date "
      "AND end_date = $4::date AND status IN ('pending', 'in_progress', 'rate_limited') AND id <> $5 "
      "ORDER BY id LIMIT 1",
      asset_id, resolution, start, end, except_id);
}

// Every single-column foreign key that points at backfill_queue(id), read from the catalog so that a
// table a later migration adds keeps its jobs without this file having to know it: a condition on
// the job `q` that no row names it.
std::string unreferenced_job_condition(pqxx::transaction_base& tx) {
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

}  // namespace

BackfillQueue::BackfillQueue(ConnectionPool& pool, BackfillQueueOptions options)
    : pool_(pool), options_(options) {}

EnqueuedJob BackfillQueue::enqueue(pqxx::transaction_base& tx, std::int64_t asset_id,
                                   std::chrono::sys_days start_date, std::chrono::sys_days end_date,
                                   Resolution resolution, int max_attempts,
                                   const std::vector<ExhaustedSource>& already_exhausted) {
  const std::string start = format_iso_date(start_date);
  const std::string end = format_iso_date(end_date);
  const std::string resolution_text = resolution_name(resolution);
  const std::string context = "cannot queue a backfill of asset " + std::to_string(asset_id) + " from " +
                              start + " to " + end + " (" + resolution_text + ")";
  if (start_date > end_date) throw std::invalid_argument(context + ": the start is after the end");
  if (max_attempts < 1) {
    throw std::invalid_argument(context + ": max_attempts must be at least 1, not " +
                                std::to_string(max_attempts));
  }
  lock_job_key(tx, asset_id, resolution_text, start, end);
  const pqxx::result open = find_open_job(tx, asset_id, resolution_text, start, end, 0);
  if (!open.empty()) return {open[0][0].as<std::int64_t>(), false};
  const pqxx::result inserted = tx.exec_params(
      "INSERT INTO backfill_queue (asset_id, start_date, end_date, resolution, max_attempts, "
      "exhausted_sources) "
      "VALUES ($1, $2::date, $3::date, $4, $5, $6::jsonb) RETURNING id",
      asset_id, start, end, resolution_text, max_attempts, exhausted_sources_json(already_exhausted));
  return {inserted[0][0].as<std::int64_t>(), true};
}

ManualRetry BackfillQueue::retry(pqxx::transaction_base& tx, std::int64_t job_id) {
  ManualRetry outcome;
  outcome.job = find_queued_job(tx, job_id, /*lock_row=*/true);
  if (!outcome.job) {
    outcome.result = ManualRetry::Result::not_found;
    return outcome;
  }
  const QueuedJob& job = *outcome.job;
  if (job.status == JobStatus::completed || job.status == JobStatus::in_progress) {
    outcome.result = ManualRetry::Result::refused;
    return outcome;
  }
  lock_job_key(tx, job.asset_id, job.resolution, job.start_date, job.end_date);
  const pqxx::result open =
      find_open_job(tx, job.asset_id, job.resolution, job.start_date, job.end_date, job.id);
  if (!open.empty()) {
    outcome.result = ManualRetry::Result::covered_by_open_job;
    outcome.open_job_id = open[0][0].as<std::int64_t>();
    outcome.open_job_status = parse_job_status(open[0][1].as<std::string>());
    return outcome;
  }
  tx.exec_params(
      "UPDATE backfill_queue SET status = 'pending', attempts = 0, timeouts = 0, retry_after = NULL, "
      "exhausted_sources = '[]'::jsonb, locked_by = NULL, locked_until = NULL, completed_at = NULL, "
      "updated_at = now() WHERE id = $1",
      job_id);
  outcome.result = ManualRetry::Result::queued_again;
  return outcome;
}

std::vector<ManualRetry> BackfillQueue::retry_failed(pqxx::transaction_base& tx) {
  std::vector<ManualRetry> outcomes;
  for (const auto& row : tx.exec("SELECT id FROM backfill_queue WHERE status = 'failed' ORDER BY id"))
    outcomes.push_back(retry(tx, row[0].as<std::int64_t>()));
  return outcomes;
}

std::size_t BackfillQueue::delete_completed_jobs_older_than(pqxx::transaction_base& tx, int older_than_days,
                                                            std::size_t limit) {
  try {
    const std::string sql =
        "DELETE FROM backfill_queue WHERE id IN ("
        " SELECT q.id FROM backfill_queue q"
        " WHERE q.status = 'completed' AND q.completed_at < now() - make_interval(days => $1)" +
        unreferenced_job_condition(tx) + " ORDER BY q.completed_at LIMIT $2 FOR UPDATE SKIP LOCKED)";
    return tx.exec_params(sql, older_than_days, static_cast<std::int64_t>(limit)).affected_rows();
  } catch (const std::exception& error) {
    std::throw_with_nested(BackfillQueueError("deleting completed backfill jobs older than " +
                                              std::to_string(older_than_days) + " days: " + error.what()));
  }
}

const std::string& BackfillQueue::claim_statement() {
  static const std::string statement = claim_statement_text();
  return statement;
}

const std::string& BackfillQueue::complete_statement() {
  static const std::string statement =
      std::string(
          "UPDATE backfill_queue SET status = 'completed', source = $3, error_message = NULL, "
          "retry_after = NULL, locked_until = NULL, completed_at = now(), updated_at = now() WHERE ") +
      kLeaseHeld;
  return statement;
}

std::vector<ClaimedJob> BackfillQueue::claim(std::string_view worker_id, int batch_size,
                                             std::chrono::milliseconds lease) {
  if (worker_id.empty()) throw std::invalid_argument("claiming backfill jobs needs a worker id");
  if (batch_size < 1) return {};
  const std::string worker(worker_id);
  const pqxx::result rows = in_autocommit(
      pool_, "claiming backfill jobs for worker " + worker, "claim", [&](pqxx::nontransaction& tx) {
        pqxx::result result = tx.exec_params(claim_statement(), worker, batch_size, seconds_of(lease));
        return result;
      });

  std::vector<ClaimedJob> jobs;
  jobs.reserve(rows.size());
  for (const auto& row : rows) {
    const auto id = row[0].as<std::int64_t>();
    if (row[12].as<bool>()) {
      log_warn("backfill job failed: its lease expired once too often",
               {{"job_id", id},
                {"asset_id", row[1].as<std::int64_t>()},
                {"worker", worker},
                {"error", row[13].as<std::string>()}});
      continue;
    }
    ClaimedJob job;
    job.id = id;
    job.worker_id = worker;
    job.asset_id = row[1].as<std::int64_t>();
    job.symbol = row[2].as<std::string>();
    job.asset_class = require_asset_class(row[3].c_str());
    job.source_ids = parse_source_ids(row[4].c_str());
    job.start_date = parse_iso_date(row[5].as<std::string>());
    job.end_date = parse_iso_date(row[6].as<std::string>());
    job.resolution = require_resolution(row[7].c_str());
    job.attempts = row[8].as<int>();
    job.max_attempts = row[9].as<int>();
    if (!row[10].is_null()) job.source = row[10].as<std::string>();
    job.exhausted_sources = parse_exhausted_sources(row[11].as<std::string>(), id);
    job.timeouts = row[14].as<int>();
    jobs.push_back(std::move(job));
  }
  return jobs;
}

bool BackfillQueue::renew(std::int64_t job_id, std::string_view worker_id, std::chrono::milliseconds lease) {
  const std::string worker(worker_id);
  return in_autocommit(
      pool_, "renewing the lease of backfill job " + std::to_string(job_id) + " (worker " + worker + ")",
      "renew", [&](pqxx::nontransaction& tx) {
        const pqxx::result result =
            tx.exec_params(std::string("UPDATE backfill_queue SET locked_until = now() + make_interval(secs "
                                       "=> $3::double precision), updated_at = now() WHERE ") +
                               kLeaseHeld,
                           job_id, worker, seconds_of(lease));
        return result.affected_rows() == 1;
      });
}

bool BackfillQueue::complete(const ClaimedJob& job, std::string_view source) {
  return in_autocommit(pool_, job_context("completing", job), "complete", [&](pqxx::nontransaction& tx) {
    const pqxx::result result =
        tx.exec_params(complete_statement(), job.id, job.worker_id, std::string(source));
    return result.affected_rows() == 1;
  });
}

RetryOutcome BackfillQueue::retry_later(const ClaimedJob& job, JobStatus status,
                                        std::optional<std::chrono::milliseconds> source_retry_after,
                                        std::string_view error, std::string_view source, bool timed_out) {
  if (status != JobStatus::rate_limited && status != JobStatus::pending) {
    throw std::invalid_argument(job_context("retrying", job) +
                                ": a retry waits as rate_limited or pending, not " +
                                std::string(to_string(status)));
  }
  // attempts counts the failed attempts including this one: the first failure waits retry_base.
  const std::int64_t attempts_now = static_cast<std::int64_t>(job.attempts) + 1;
  const std::chrono::milliseconds delay =
      source_retry_after
          ? std::max(*source_retry_after, std::chrono::milliseconds{0})
          : std::chrono::milliseconds(backoff_delay(options_.retry_base_minutes, attempts_now));

  return in_autocommit(
      pool_, job_context("scheduling a retry", job), "retry later", [&](pqxx::nontransaction& tx) {
        // The decision to give up reads attempts from the row itself, under the lease guard.
        const pqxx::result result =
            tx.exec_params(std::string(R"sql(
UPDATE backfill_queue SET
  attempts = attempts + 1,
  timeouts = timeouts + CASE WHEN $7 THEN 1 ELSE 0 END,
  status = CASE WHEN attempts + 1 >= max_attempts THEN 'failed' ELSE $3 END,
  retry_after = CASE WHEN attempts + 1 >= max_attempts THEN NULL
                     ELSE now() + make_interval(secs => $4::double precision) END,
  error_message = CASE WHEN attempts + 1 >= max_attempts THEN format('gave up after %s attempts: %s', attempts + 1, $5::text)
                       ELSE $5::text END,
  source = $6,
  locked_by = CASE WHEN attempts + 1 >= max_attempts THEN locked_by ELSE NULL END,
  locked_until = NULL,
  updated_at = now()
WHERE )sql") + kLeaseHeld + " RETURNING status, attempts",
                           job.id, job.worker_id, std::string(to_string(status)), seconds_of(delay),
                           redact_text(error), std::string(source), timed_out);
        RetryOutcome outcome;
        outcome.delay = delay;
        if (result.empty()) return outcome;
        outcome.recorded = true;
        outcome.status = parse_job_status(result[0][0].as<std::string>());
        outcome.attempts = result[0][1].as<int>();
        return outcome;
      });
}

bool BackfillQueue::exhaust_source(ClaimedJob& job, std::string_view source, std::string_view reason) {
  const pqxx::result result =
      in_autocommit(pool_, job_context("recording exhausted source " + std::string(source), job),
                    "exhaust source", [&](pqxx::nontransaction& tx) {
                      pqxx::result updated =
                          tx.exec_params(std::string(R"sql(
UPDATE backfill_queue SET
  exhausted_sources = CASE
    WHEN exhausted_sources @> jsonb_build_array(jsonb_build_object('source', $3::text)) THEN exhausted_sources
    ELSE exhausted_sources || jsonb_build_array(jsonb_build_object(
      'source', $3::text, 'reason', $4::text,
      'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')))
  END,
  source = $3::text,
  updated_at = now()
WHERE )sql") + kLeaseHeld + " RETURNING exhausted_sources::text",
                                         job.id, job.worker_id, std::string(source), redact_text(reason));
                      return updated;
                    });
  if (result.empty()) return false;
  job.exhausted_sources = parse_exhausted_sources(result[0][0].as<std::string>(), job.id);
  job.source = std::string(source);
  return true;
}

bool BackfillQueue::fail(const ClaimedJob& job, std::string_view error) {
  return in_autocommit(pool_, job_context("failing", job), "fail", [&](pqxx::nontransaction& tx) {
    const pqxx::result result = tx.exec_params(
        std::string("UPDATE backfill_queue SET status = 'failed', error_message = $3, retry_after = NULL, "
                    "locked_until = NULL, updated_at = now() WHERE ") +
            kLeaseHeld,
        job.id, job.worker_id, redact_text(error));
    return result.affected_rows() == 1;
  });
}

bool BackfillQueue::release(const ClaimedJob& job, std::string_view error) {
  return hand_back_unspent(job, JobStatus::pending, std::nullopt, error, std::nullopt);
}

bool BackfillQueue::wait_for_source(const ClaimedJob& job, std::chrono::milliseconds delay,
                                    std::string_view error, std::string_view source) {
  return hand_back_unspent(job, JobStatus::rate_limited, std::max(delay, std::chrono::milliseconds{0}), error,
                           source);
}

bool BackfillQueue::hand_back_unspent(const ClaimedJob& job, JobStatus status,
                                      std::optional<std::chrono::milliseconds> delay, std::string_view error,
                                      std::optional<std::string_view> source) {
  return in_autocommit(pool_, job_context("handing back", job), "hand back", [&](pqxx::nontransaction& tx) {
    const std::optional<double> seconds = delay ? std::optional<double>(seconds_of(*delay)) : std::nullopt;
    const std::optional<std::string> source_text =
        source ? std::optional<std::string>(std::string(*source)) : std::nullopt;
    const pqxx::result result = tx.exec_params(
        std::string(
            "UPDATE backfill_queue SET status = $3, error_message = $4, "
            "retry_after = now() + make_interval(secs => $5::double precision), "
            "source = coalesce($6, source), locked_by = NULL, locked_until = NULL, updated_at = now() "
            "WHERE ") +
            kLeaseHeld,
        job.id, job.worker_id, std::string(to_string(status)), redact_text(error), seconds, source_text);
    return result.affected_rows() == 1;
  });
}

QueueStats BackfillQueue::stats() {
  // One statement, so the counts, the due set and its age come from one snapshot of the table (the
  // health endpoint must not show a due job that the counts already call completed).
  static const std::string sql =
      std::string("SELECT status, count(*), count(*) FILTER (WHERE ") + kDueCondition +
      "), (extract(epoch FROM now() - min(" + kDueSince + ") FILTER (WHERE " + kDueCondition +
      ")) * 1000)::bigint, count(*) FILTER (WHERE status = 'failed' AND updated_at > "
      "now() - interval '24 hours') FROM backfill_queue GROUP BY status";
  return in_autocommit(
      pool_, "reading backfill queue statistics", "queue stats", [&](pqxx::nontransaction& tx) {
        QueueStats stats;
        for (const JobStatus status : kJobStatuses)
          stats.jobs_by_status[status] = 0;
        for (const auto& row : tx.exec(sql)) {
          stats.jobs_by_status[parse_job_status(row[0].as<std::string>())] = row[1].as<std::int64_t>();
          stats.due += row[2].as<std::int64_t>();
          if (!row[3].is_null()) {
            const std::chrono::milliseconds age(std::max<std::int64_t>(0, row[3].as<std::int64_t>()));
            stats.oldest_due_age = std::max(stats.oldest_due_age.value_or(age), age);
          }
          stats.failed_last_24h += row[4].as<std::int64_t>();
        }
        return stats;
      });
}

}  // namespace pricefeed::host
