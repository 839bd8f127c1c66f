#include "host/queue/QueuedJob.hpp"

#include <pqxx/result>

namespace pricefeed::host {
namespace {

constexpr const char* kSelectJobs = R"sql(
SELECT q.id, q.asset_id, a.symbol, a.asset_class, q.resolution,
       to_char(q.start_date, 'YYYY-MM-DD'), to_char(q.end_date, 'YYYY-MM-DD'),
       q.status, q.attempts, q.max_attempts, q.source,
       to_char(q.retry_after AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       q.locked_by,
       to_char(q.locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       q.error_message, q.exhausted_sources::text,
       to_char(q.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(q.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(q.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       floor(extract(epoch FROM q.retry_after - now()))::bigint,
       floor(extract(epoch FROM q.locked_until - now()))::bigint
FROM backfill_queue q
JOIN assets a ON a.id = q.asset_id
)sql";

template <class T>
std::optional<T> optional_field(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<T>();
}

QueuedJob read_job(const pqxx::row& row) {
  QueuedJob job;
  job.id = row[0].as<std::int64_t>();
  job.asset_id = row[1].as<std::int64_t>();
  job.symbol = row[2].as<std::string>();
  job.asset_class = row[3].as<std::string>();
  job.resolution = row[4].as<std::string>();
  job.start_date = row[5].as<std::string>();
  job.end_date = row[6].as<std::string>();
  job.status = parse_job_status(row[7].as<std::string>());
  job.attempts = row[8].as<int>();
  job.max_attempts = row[9].as<int>();
  job.source = optional_field<std::string>(row[10]);
  job.retry_after = optional_field<std::string>(row[11]);
  job.locked_by = optional_field<std::string>(row[12]);
  job.locked_until = optional_field<std::string>(row[13]);
  job.error_message = optional_field<std::string>(row[14]);
  job.exhausted_sources_json = row[15].as<std::string>();
  job.created_at = row[16].as<std::string>();
  job.updated_at = row[17].as<std::string>();
  job.completed_at = optional_field<std::string>(row[18]);
  job.seconds_until_retry = optional_field<std::int64_t>(row[19]);
  job.seconds_until_lease_ends = optional_field<std::int64_t>(row[20]);
  return job;
}

}  // namespace

std::string QueuedJob::describe() const {
  return symbol + " " + asset_class + " " + resolution + " " + start_date + ".." + end_date;
}

std::vector<QueuedJob> list_queued_jobs(pqxx::transaction_base& tx, std::optional<JobStatus> status,
                                        int limit) {
  const pqxx::result rows =
      status ? tx.exec_params(std::string(kSelectJobs) +
                                  "WHERE q.status = $1 ORDER BY q.created_at DESC, q.id DESC LIMIT $2",
                              std::string(to_string(*status)), limit)
             : tx.exec_params(std::string(kSelectJobs) + "ORDER BY q.created_at DESC, q.id DESC LIMIT $1",
                              limit);
  std::vector<QueuedJob> jobs;
  jobs.reserve(rows.size());
  for (const auto& row : rows)
    jobs.push_back(read_job(row));
  return jobs;
}

std::optional<QueuedJob> find_queued_job(pqxx::transaction_base& tx, std::int64_t job_id, bool lock_row) {
  const pqxx::result rows = tx.exec_params(
      std::string(kSelectJobs) + "WHERE q.id = $1" + (lock_row ? " FOR UPDATE OF q" : ""), job_id);
  if (rows.empty()) return std::nullopt;
  return read_job(rows[0]);
}

std::map<JobStatus, std::int64_t> count_queued_jobs_by_status(pqxx::transaction_base& tx) {
  std::map<JobStatus, std::int64_t> counts;
  for (const JobStatus status : kJobStatuses)
    counts[status] = 0;
  for (const auto& row : tx.exec("SELECT status, count(*) FROM backfill_queue GROUP BY status"))
    counts[parse_job_status(row[0].as<std::string>())] = row[1].as<std::int64_t>();
  return counts;
}

}  // namespace pricefeed::host
