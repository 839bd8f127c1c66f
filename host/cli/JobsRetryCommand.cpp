#include "host/cli/JobsRetryCommand.hpp"

#include <iostream>
#include <stdexcept>

#include <pqxx/pqxx>

#include "host/db/Database.hpp"
#include "host/log/Log.hpp"
#include "host/queue/BackfillQueue.hpp"

namespace pricefeed::host {
namespace {

std::string job_text(const QueuedJob& job) {
  return "job " + std::to_string(job.id) + " (" + job.describe() + ")";
}

// What was done, or why not: one line for the operator.
std::string outcome_text(const ManualRetry& retry, std::int64_t job_id) {
  switch (retry.result) {
    case ManualRetry::Result::not_found:
      return "no job " + std::to_string(job_id);
    case ManualRetry::Result::queued_again: {
      std::string text =
          job_text(*retry.job) + " queued again (was " + std::string(to_string(retry.job->status));
      if (retry.job->error_message) text += ": " + *retry.job->error_message;
      return text + ")";
    }
    case ManualRetry::Result::refused:
      if (retry.job->status == JobStatus::completed)
        return job_text(*retry.job) +
               " is completed: nothing to retry (queue a new range with `pricefeed backfill`)";
      return job_text(*retry.job) + " is in_progress: " + retry.job->locked_by.value_or("a worker") +
             " holds it until " + retry.job->locked_until.value_or("its lease ends") +
             "; wait for its outcome";
    case ManualRetry::Result::covered_by_open_job:
      return job_text(*retry.job) + " not queued again: job " +
             std::to_string(retry.open_job_id.value_or(0)) + " covers the same range and is " +
             std::string(to_string(retry.open_job_status.value_or(JobStatus::pending)));
  }
  return "job " + std::to_string(job_id) + ": unknown outcome";
}

void log_requeued(const ManualRetry& retry) {
  log_info("backfill job queued again by hand",
           {{"job_id", retry.job->id},
            {"asset_id", retry.job->asset_id},
            {"previous_status", std::string(to_string(retry.job->status))},
            {"previous_attempts", retry.job->attempts}});
}

}  // namespace

int run_jobs_retry_command(const GlobalOptions& options, const JobsRetryArguments& arguments) {
  if (arguments.job_id.has_value() == arguments.all_failed)
    throw std::invalid_argument("jobs retry: give either a job ID or --failed");
  Config config = load_command_config(options);
  auto connection = open_database_connection(config.database.url);
  pqxx::work tx(*connection, "jobs retry");

  if (arguments.job_id) {
    const ManualRetry retry = BackfillQueue::retry(tx, *arguments.job_id);
    tx.commit();
    if (retry.result != ManualRetry::Result::queued_again) {
      std::cerr << "pricefeed: " << outcome_text(retry, *arguments.job_id) << "\n";
      return 1;
    }
    log_requeued(retry);
    std::cout << outcome_text(retry, *arguments.job_id) << "\n";
    return 0;
  }

  const std::vector<ManualRetry> retries = BackfillQueue::retry_failed(tx);
  tx.commit();
  std::size_t queued = 0;
  for (const ManualRetry& retry : retries) {
    if (retry.result == ManualRetry::Result::queued_again) {
      ++queued;
      log_requeued(retry);
    }
    std::cout << outcome_text(retry, retry.job ? retry.job->id : 0) << "\n";
  }
  std::cout << queued << (queued == 1 ? " failed job" : " failed jobs") << " queued again";
  if (queued != retries.size()) std::cout << ", " << retries.size() - queued << " left as they were";
  std::cout << "\n";
  return 0;
}

}  // namespace pricefeed::host
