// The worker loop: claims due jobs (several workers, even in several processes, never run one job
// twice: the queue's claim is FOR UPDATE SKIP LOCKED) and runs them on `threads` threads, each
// taking the next job as soon as it is free. A source that is rate-limited only delays its own jobs: its
// limiter answers at once while it cools down, and the job goes back to the queue with its retry_after.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "host/worker/BackfillJobRunner.hpp"

namespace pricefeed::host {

struct BackfillWorkerOptions {
  std::string worker_id;  // unique per process: host name and pid
  int batch_size = 10;
  std::chrono::milliseconds lease{std::chrono::minutes(5)};
  int threads = 4;
  std::chrono::milliseconds idle_poll{std::chrono::seconds(5)};
};

struct WorkerTally {
  std::size_t completed = 0;
  std::size_t retry_later = 0;
  std::size_t failed = 0;
  std::size_t lease_lost = 0;
  std::size_t total() const { return completed + retry_later + failed + lease_lost; }
};

class BackfillWorker {
 public:
  BackfillWorker(BackfillQueue& queue, BackfillJobRunner& runner, BackfillWorkerOptions options);

  // Runs batches until no job is due (or stop is set): `pricefeed worker --once`.
  WorkerTally drain(const std::atomic<bool>& stop);

  // Runs until stop is set (or retire() was called), looking for due jobs every idle_poll when there
  // are none.
  void run(const std::atomic<bool>& stop);

  // A reload replaced this worker (docs/reload.md): it claims no more jobs, finishes those it holds,
  // and run() returns. Unlike stop, nothing running is cancelled. Safe from any thread.
  void retire() noexcept { retiring_ = true; }

  // The ids of the jobs this worker has claimed and not finished (running, or claimed and waiting
  // for a thread), for the host's heartbeat (hosts.jobs). Safe from any thread.
  std::vector<std::int64_t> jobs_held() const;

 private:
  void hold(const std::vector<ClaimedJob>& jobs);
  void let_go(std::int64_t job_id);

  // Runs due jobs until a claim finds none (or stop is set); returns how many it claimed. Throws
  // when claiming fails before any job was claimed.
  std::size_t run_until_idle(const std::atomic<bool>& stop, WorkerTally& tally);

  // `job` was interrupted because the database went away: waits (ReconnectBackoff) until it answers
  // again and releases the job to the queue, due now with no attempt spent (retry_later); gives up
  // when its lease would have ended anyway (lease_lost: the lease brings it back).
  JobOutcome hand_back_after_outage(const ClaimedJob& job, const std::string& error,
                                    const std::atomic<bool>& stop);

  BackfillQueue& queue_;
  BackfillJobRunner& runner_;
  BackfillWorkerOptions options_;
  std::atomic<bool> retiring_{false};
  mutable std::mutex held_mutex_;
  std::set<std::int64_t> held_;
};

// "<hostname>:<pid>", what locked_by says: the host's id (this_host_id(), hosts.id).
std::string default_worker_id();

}  // namespace pricefeed::host
