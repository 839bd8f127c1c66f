#include "host/worker/BackfillWorker.hpp"

#include <unistd.h>

#include <algorithm>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "host/log/Log.hpp"
#include "host/metrics/HostMetrics.hpp"

namespace pricefeed::host {

std::string default_worker_id() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown");
  return std::string(host) + ":" + std::to_string(getpid());
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
        if (stock.empty()) {
          const int want = std::min(options_.batch_size, threads - running);
          try {
            for (ClaimedJob& claimed : queue_.claim(options_.worker_id, want, options_.lease))
              stock.push_back(std::move(claimed));
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
        // The database or the pool failed under this job: leave it to its lease, which expires and
        // lets a worker (this one, later) take it again. Nothing is lost; nothing is half-recorded.
        log_error("backfill job interrupted", {{"job_id", job.id}, {"error", e.what()}});
        outcome = JobOutcome::lease_lost;
      }
      host_metrics()
          .backfill_duration.labels({job_outcome_name(outcome)})
          .observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      if (outcome == JobOutcome::failed) host_metrics().jobs_failed.labels().inc();
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

void BackfillWorker::run(const std::atomic<bool>& stop) {
  WorkerTally tally;
  while (!stop) {
    try {
      if (run_until_idle(stop, tally) > 0) continue;
    } catch (const std::exception& e) {
      log_error("claiming backfill jobs failed; will try again", {{"error", e.what()}});
    }
    // Idle: poll again later, waking early on stop.
    for (auto waited = std::chrono::milliseconds(0); waited < options_.idle_poll && !stop;
         waited += std::chrono::milliseconds(100)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

}  // namespace pricefeed::host
