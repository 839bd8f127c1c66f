#include "host/worker/BackfillWorker.hpp"

#include <algorithm>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "host/cluster/HostId.hpp"
#include "host/db/DatabaseOutage.hpp"
#include "host/db/ErrorFirstLine.hpp"
#include "host/db/ReconnectBackoff.hpp"
#include "host/log/Log.hpp"
#include "host/metrics/HostMetrics.hpp"

namespace pricefeed::host {
namespace {

// Sleeps `delay` in short steps, waking early on stop.
void sleep_unless_stopped(std::chrono::milliseconds delay, const std::atomic<bool>& stop) {
  const auto until = std::chrono::steady_clock::now() + delay;
  while (!stop && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        std::chrono::milliseconds(100), until - std::chrono::steady_clock::now()));
  }
}

}  // namespace

std::string default_worker_id() {
  return this_host_id();
}

std::vector<std::int64_t> BackfillWorker::jobs_held() const {
  std::lock_guard lock(held_mutex_);
  return {held_.begin(), held_.end()};
}

void BackfillWorker::hold(const std::vector<ClaimedJob>& jobs) {
  std::lock_guard lock(held_mutex_);
  for (const ClaimedJob& job : jobs)
    held_.insert(job.id);
}

void BackfillWorker::let_go(std::int64_t job_id) {
  std::lock_guard lock(held_mutex_);
  held_.erase(job_id);
}

BackfillWorker::BackfillWorker(BackfillQueue& queue, BackfillJobRunner& runner, BackfillWorkerOptions options)
    : queue_(queue), runner_(runner), options_(std::move(options)) {}

std::size_t BackfillWorker::run_until_idle(const std::atomic<bool>& stop, WorkerTally& tally) {
  // Threads share one small stock of claimed jobs. A thread that finds it empty claims as many jobs
  // as there are idle threads (at most batch_size), so no thread waits for a whole batch's slowest job
  // and a claimed job never sits waiting for long while its lease runs.
  const int threads = std::max(1, options_.threads);
  std::mutex mutex;
  std::deque<ClaimedJob> stock;
  int running = 0;
  bool idle = false;  // a claim found nothing due: finish what runs, then return
  std::size_t taken = 0;
  std::exception_ptr claim_error;

  auto work = [&] {
    for (;;) {
      ClaimedJob job;
      {
        std::lock_guard lock(mutex);
        if (stop || idle) return;
        if (stock.empty() && retiring_) return;
        if (stock.empty()) {
          const int want = std::min(options_.batch_size, threads - running);
          try {
            std::vector<ClaimedJob> claimed = queue_.claim(options_.worker_id, want, options_.lease);
            hold(claimed);
            for (ClaimedJob& job_claimed : claimed)
              stock.push_back(std::move(job_claimed));
          } catch (...) {
            claim_error = std::current_exception();
            idle = true;
            return;
          }
          if (stock.empty()) {
            idle = true;
            return;
          }
          taken += stock.size();
        }
        job = std::move(stock.front());
        stock.pop_front();
        ++running;
      }
      JobOutcome outcome = JobOutcome::retry_later;
      const auto started = std::chrono::steady_clock::now();
      try {
        outcome = runner_.run(job, stop);
      } catch (const std::exception& e) {
        if (is_database_outage(e)) {
          outcome = hand_back_after_outage(job, e.what(), stop);
        } else {
          // Something else failed under this job: leave it to its lease, which expires and lets a
          // worker (this one, later) take it again. Nothing is lost; nothing is half-recorded.
          log_error("backfill job interrupted", {{"job_id", job.id}, {"error", e.what()}});
          outcome = JobOutcome::lease_lost;
        }
      }
      host_metrics()
          .backfill_duration.labels({job_outcome_name(outcome)})
          .observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      if (outcome == JobOutcome::failed) host_metrics().jobs_failed.labels().inc();
      let_go(job.id);
      std::lock_guard lock(mutex);
      --running;
      switch (outcome) {
        case JobOutcome::completed:
          ++tally.completed;
          break;
        case JobOutcome::retry_later:
          ++tally.retry_later;
          break;
        case JobOutcome::failed:
          ++tally.failed;
          break;
        case JobOutcome::lease_lost:
          ++tally.lease_lost;
          break;
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (int i = 1; i < threads; ++i)
      pool.emplace_back(work);
    work();
  }
  // Jobs claimed but never started (stop was set) keep their lease until it expires; then any worker
  // takes them again.
  if (claim_error) {
    if (taken == 0) std::rethrow_exception(claim_error);
    try {
      std::rethrow_exception(claim_error);
    } catch (const std::exception& e) {
      log_error("claiming backfill jobs failed; will try again", {{"error", e.what()}});
    }
  }
  return taken;
}

WorkerTally BackfillWorker::drain(const std::atomic<bool>& stop) {
  WorkerTally tally;
  while (!stop && run_until_idle(stop, tally) > 0) {
  }
  return tally;
}

JobOutcome BackfillWorker::hand_back_after_outage(const ClaimedJob& job, const std::string& error,
                                                  const std::atomic<bool>& stop) {
  // Whatever the job wrote before the database went away is committed or rolled back whole (each
  // write is one transaction), and the retry's upsert only adds what is missing. Handing the job back
  // as soon as the database answers again beats waiting out its lease; past the lease there is
  // nothing left to hand back (a claim may already have taken it over).
  const std::string reason = "database connection lost mid-job: " + first_line(error);
  log_warn("backfill job interrupted by a database outage; handing it back once the database answers",
           {{"job_id", job.id}, {"error", reason}});
  ReconnectBackoff backoff;
  const auto lease_ends = std::chrono::steady_clock::now() + options_.lease;
  while (!stop && std::chrono::steady_clock::now() < lease_ends) {
    sleep_unless_stopped(backoff.next_delay(), stop);
    try {
      if (!queue_.release(job, reason)) return JobOutcome::lease_lost;
      log_info("backfill job handed back after a database outage", {{"job_id", job.id}});
      return JobOutcome::retry_later;
    } catch (const std::exception& e) {
      if (!is_database_outage(e)) break;
    }
  }
  return JobOutcome::lease_lost;
}

void BackfillWorker::run(const std::atomic<bool>& stop) {
  WorkerTally tally;
  ReconnectBackoff backoff;
  while (!stop && !retiring_) {
    std::chrono::milliseconds pause = options_.idle_poll;
    try {
      const std::size_t claimed = run_until_idle(stop, tally);
      backoff.reset();
      if (claimed > 0) continue;
    } catch (const std::exception& e) {
      // The database is down (or the claim failed otherwise): come back sooner than idle_poll at
      // first, then less and less often while it stays down.
      pause = backoff.next_delay();
      log_error("claiming backfill jobs failed; will try again",
                {{"error", e.what()},
                 {"attempt", static_cast<std::int64_t>(backoff.failures())},
                 {"retry_in_ms", static_cast<std::int64_t>(pause.count())}});
    }
    sleep_unless_stopped(pause, stop);
  }
}

}  // namespace pricefeed::host
