#include "host/worker/BackfillWorker.hpp"

#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <vector>

#include "host/log/Log.hpp"

namespace pricefeed::host {

std::string default_worker_id() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown");
  return std::string(host) + ":" + std::to_string(getpid());
}

BackfillWorker::BackfillWorker(BackfillQueue& queue, BackfillJobRunner& runner, BackfillWorkerOptions options)
    : queue_(queue), runner_(runner), options_(std::move(options)) {}

std::size_t BackfillWorker::run_batch(const std::atomic<bool>& stop, WorkerTally& tally) {
  std::vector<ClaimedJob> jobs = queue_.claim(options_.worker_id, options_.batch_size, options_.lease);
  if (jobs.empty()) return 0;

  std::mutex mutex;
  std::size_t next = 0;
  auto work = [&] {
    for (;;) {
      ClaimedJob* job = nullptr;
      {
        std::lock_guard lock(mutex);
        if (next >= jobs.size() || stop) return;
        job = &jobs[next++];
      }
      JobOutcome outcome = JobOutcome::retry_later;
      try {
        outcome = runner_.run(*job, stop);
      } catch (const std::exception& e) {
        // The database or the pool failed under this job: leave it to its lease, which expires and
        // lets a worker (this one, later) take it again. Nothing is lost; nothing is half-recorded.
        log_error("backfill job interrupted", {{"job_id", job->id}, {"error", e.what()}});
        outcome = JobOutcome::lease_lost;
      }
      std::lock_guard lock(mutex);
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
  const int threads = std::clamp<int>(static_cast<int>(jobs.size()), 1, std::max(1, options_.threads));
  std::vector<std::jthread> pool;
  for (int i = 1; i < threads; ++i)
    pool.emplace_back(work);
  work();
  return jobs.size();
}

WorkerTally BackfillWorker::drain(const std::atomic<bool>& stop) {
  WorkerTally tally;
  while (!stop && run_batch(stop, tally) > 0) {
  }
  return tally;
}

void BackfillWorker::run(const std::atomic<bool>& stop) {
  WorkerTally tally;
  while (!stop) {
    try {
      if (run_batch(stop, tally) > 0) continue;
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
