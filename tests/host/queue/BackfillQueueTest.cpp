// The backfill queue on a real PostgreSQL: claims under concurrency, leases, the outcomes of
// docs/architecture.md "The worker's rules" and the fallback bookkeeping. Time is moved by editing
// retry_after and locked_until in the database (the queue reads only the database's clock), never by
// sleeping.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/db/ConnectionPool.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "host/queue/SourceFallback.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using test::TestDatabase;
using ::testing::HasSubstr;

constexpr milliseconds kLease = minutes{5};

struct JobRow {
  std::string status;
  int attempts = 0;
  std::optional<std::string> error_message;
  std::optional<std::string> locked_by;
  std::optional<std::string> source;
};

class BackfillQueueTest : public ::testing::Test {
 protected:
  TestDatabase database;
  std::unique_ptr<pqxx::connection> sql = database.connect();
  ConnectionPool pool{database.url(), 8};
  BackfillQueue queue{pool, BackfillQueueOptions{.retry_base_minutes = 5}};
  std::int64_t asset_id = insert_asset("BTC", "crypto", R"({"binance": "BTCUSDT", "coingecko": "bitcoin"})");

  std::int64_t insert_asset(const std::string& symbol, const std::string& asset_class,
                            const std::string& source_ids = "{}") {
    pqxx::work tx(*sql);
    const auto id = tx.exec_params(
                          "INSERT INTO assets (symbol, asset_class, source_ids) VALUES ($1, $2, $3::jsonb) "
                          "RETURNING id",
                          symbol, asset_class, source_ids)[0][0]
                        .as<std::int64_t>();
    tx.commit();
    return id;
  }

  EnqueuedJob enqueue(sys_days start, sys_days end, int max_attempts = 5,
                      Resolution resolution = Resolution::day) {
    pqxx::work tx(*sql);
    const EnqueuedJob job = BackfillQueue::enqueue(tx, asset_id, start, end, resolution, max_attempts);
    tx.commit();
    return job;
  }

  std::int64_t enqueue_one(int max_attempts = 5) {
    return enqueue(sys_days{2024y / January / 1}, sys_days{2024y / December / 31}, max_attempts).id;
  }

  void execute(const std::string& statement, std::int64_t job_id) {
    pqxx::work tx(*sql);
    tx.exec_params(statement, job_id);
    tx.commit();
  }
  // The lease ran out: the worker died or stalled.
  void expire_lease(std::int64_t job_id) {
    execute("UPDATE backfill_queue SET locked_until = now() - interval '1 second' WHERE id = $1", job_id);
  }
  // The wait is over.
  void pass_retry_after(std::int64_t job_id) {
    execute("UPDATE backfill_queue SET retry_after = now() - interval '1 second' WHERE id = $1", job_id);
  }
  // retry_after - updated_at: both are now() of the statement that scheduled the retry, so this is
  // exactly the delay chosen.
  seconds scheduled_delay(std::int64_t job_id) {
    pqxx::work tx(*sql);
    return seconds{
        tx.exec_params("SELECT extract(epoch FROM retry_after - updated_at)::bigint FROM backfill_queue "
                       "WHERE id = $1",
                       job_id)[0][0]
            .as<std::int64_t>()};
  }
  JobRow row(std::int64_t job_id) {
    pqxx::work tx(*sql);
    const auto r = tx.exec_params1(
        "SELECT status, attempts, error_message, locked_by, source FROM backfill_queue WHERE id = $1",
        job_id);
    JobRow job;
    job.status = r[0].as<std::string>();
    job.attempts = r[1].as<int>();
    if (!r[2].is_null()) job.error_message = r[2].as<std::string>();
    if (!r[3].is_null()) job.locked_by = r[3].as<std::string>();
    if (!r[4].is_null()) job.source = r[4].as<std::string>();
    return job;
  }
  ClaimedJob claim_only(const std::string& worker) {
    auto jobs = queue.claim(worker, 10, kLease);
    EXPECT_EQ(jobs.size(), 1u) << "worker " << worker;
    if (jobs.empty()) throw std::runtime_error("nothing claimed");
    return jobs.front();
  }
};

TEST_F(BackfillQueueTest, ClaimReturnsWhatAWorkerNeeds) {
  const std::int64_t id = enqueue(sys_days{2023y / March / 1}, sys_days{2024y / February / 29}, 7).id;
  const ClaimedJob job = claim_only("host-a:1");
  EXPECT_EQ(job.id, id);
  EXPECT_EQ(job.worker_id, "host-a:1");
  EXPECT_EQ(job.asset_id, asset_id);
  EXPECT_EQ(job.symbol, "BTC");
  EXPECT_EQ(job.asset_class, AssetClass::crypto);
  EXPECT_EQ(job.symbol_for("coingecko"), "bitcoin");
  EXPECT_EQ(job.symbol_for("yahoo"), "BTC");
  EXPECT_EQ(job.start_date, sys_days{2023y / March / 1});
  EXPECT_EQ(job.end_date, sys_days{2024y / February / 29});
  EXPECT_EQ(job.resolution, Resolution::day);
  EXPECT_EQ(job.attempts, 0);
  EXPECT_EQ(job.max_attempts, 7);
  EXPECT_EQ(job.source, std::nullopt);
  EXPECT_TRUE(job.exhausted_sources.empty());

  const JobRow stored = row(id);
  EXPECT_EQ(stored.status, "in_progress");
  EXPECT_EQ(stored.locked_by, "host-a:1");
  pqxx::work tx(*sql);
  EXPECT_EQ(
      tx.exec_params1("SELECT extract(epoch FROM locked_until - updated_at)::bigint FROM backfill_queue "
                      "WHERE id = $1",
                      id)[0]
          .as<std::int64_t>(),
      300)
      << "locked_until = now() + lease";
}

TEST_F(BackfillQueueTest, ClaimTakesTheOldestDueJobFirstAndAtMostTheBatch) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(enqueue(sys_days{2020y / January / 1} + days{i}, sys_days{2024y / January / 1}).id);
  }
  // The last one has been due the longest: it waited for a retry that came due an hour ago.
  {
    pqxx::work tx(*sql);
    tx.exec_params(
        "UPDATE backfill_queue SET status = 'rate_limited', retry_after = now() - interval '1 hour' "
        "WHERE id = $1",
        ids.back());
    tx.exec("UPDATE backfill_queue SET created_at = now() - interval '1 minute' * id");
    tx.commit();
  }
  const auto first = queue.claim("w", 2, kLease);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, ids[4]);
  EXPECT_EQ(first[1].id, ids[3]);
  const auto rest = queue.claim("w", 10, kLease);
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(rest[0].id, ids[2]);
  EXPECT_TRUE(queue.claim("w", 10, kLease).empty());
}

TEST_F(BackfillQueueTest, ClaimSkipsJobsLockedByAnotherWorker) {
  const std::int64_t first = enqueue_one();
  const std::int64_t second = enqueue(sys_days{2022y / January / 1}, sys_days{2022y / December / 31}).id;

  // Another worker's claim is in flight on another connection: it holds the row lock on `first`.
  auto other = database.connect();
  pqxx::work other_claim(*other);
  other_claim.exec_params("SELECT id FROM backfill_queue WHERE id = $1 FOR UPDATE", first);

  // This claim neither waits for that lock nor takes the locked job.
  auto claimed = std::async(std::launch::async, [&] { return queue.claim("w2", 10, kLease); });
  ASSERT_EQ(claimed.wait_for(seconds{10}), std::future_status::ready) << "the claim waited for a locked row";
  const auto jobs = claimed.get();
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].id, second);
  other_claim.abort();
}

TEST_F(BackfillQueueTest, ConcurrentClaimsNeverReturnTheSameJob) {
  constexpr int kIterations = 5;
  constexpr int kJobsPerIteration = 120;
  constexpr int kWorkers = 6;
  for (int iteration = 0; iteration < kIterations; ++iteration) {
    for (int i = 0; i < kJobsPerIteration; ++i) {
      enqueue(sys_days{2000y / January / 1} + days{iteration * 1000 + i}, sys_days{2024y / January / 1});
    }
    std::mutex mutex;
    std::vector<std::int64_t> claimed;
    std::atomic<bool> start{false};
    std::vector<std::thread> workers;
    for (int w = 0; w < kWorkers; ++w) {
      workers.emplace_back([&, w] {
        while (!start)
          std::this_thread::yield();
        const std::string worker = "worker-" + std::to_string(w);
        for (;;) {
          const auto jobs = queue.claim(worker, 3, kLease);
          if (jobs.empty()) return;
          for (const ClaimedJob& job : jobs) {
            EXPECT_TRUE(queue.complete(job, "binance")) << "job " << job.id << " lost by " << worker;
            std::lock_guard lock(mutex);
            claimed.push_back(job.id);
          }
        }
      });
    }
    start = true;
    for (auto& worker : workers)
      worker.join();
    const std::set<std::int64_t> distinct(claimed.begin(), claimed.end());
    EXPECT_EQ(claimed.size(), distinct.size()) << "a job was claimed twice in iteration " << iteration;
    EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kJobsPerIteration)) << "iteration " << iteration;
  }
  const QueueStats stats = queue.stats();
  EXPECT_EQ(stats.jobs_by_status.at(JobStatus::completed), kIterations * kJobsPerIteration);
}

TEST_F(BackfillQueueTest, ExpiredLeaseIsRescued) {
  const std::int64_t id = enqueue_one();
  claim_only("dead-worker");
  EXPECT_TRUE(queue.claim("rescuer", 10, kLease).empty()) << "a live lease is not due";

  expire_lease(id);
  const ClaimedJob rescued = claim_only("rescuer");
  EXPECT_EQ(rescued.id, id);
  EXPECT_EQ(rescued.attempts, 1) << "the attempt that died counts";
  const JobRow stored = row(id);
  EXPECT_EQ(stored.status, "in_progress");
  EXPECT_EQ(stored.locked_by, "rescuer");
  EXPECT_THAT(stored.error_message.value_or(""), HasSubstr("lease of dead-worker expired"));
  EXPECT_TRUE(queue.complete(rescued, "binance"));
}

TEST_F(BackfillQueueTest, AJobWhoseLeaseExpiresAtEveryAttemptFailsAtMaxAttempts) {
  const std::int64_t id = enqueue_one(2);
  claim_only("crashing-1");
  expire_lease(id);
  EXPECT_EQ(claim_only("crashing-2").attempts, 1);
  expire_lease(id);
  EXPECT_TRUE(queue.claim("next", 10, kLease).empty()) << "the second expiry uses up the attempts";
  const JobRow stored = row(id);
  EXPECT_EQ(stored.status, "failed");
  EXPECT_EQ(stored.attempts, 2);
  EXPECT_THAT(stored.error_message.value_or(""), HasSubstr("gave up after 2 attempts"));
}

TEST_F(BackfillQueueTest, RenewExtendsTheLease) {
  const std::int64_t id = enqueue_one();
  const ClaimedJob job = claim_only("w1");
  expire_lease(id);  // nearly run out: nobody has taken it yet
  EXPECT_TRUE(queue.renew(job, kLease));
  EXPECT_TRUE(queue.claim("w2", 10, kLease).empty()) << "the renewed lease holds again";
  EXPECT_TRUE(queue.renew(job.id, job.worker_id, kLease));
}

TEST_F(BackfillQueueTest, LostLeaseCannotComplete) {
  const std::int64_t id = enqueue_one();
  const ClaimedJob stalled = claim_only("stalled");
  expire_lease(id);
  const ClaimedJob taken_over = claim_only("successor");

  EXPECT_FALSE(queue.renew(stalled, kLease)) << "the stalled worker must learn to stop";
  EXPECT_FALSE(queue.complete(stalled, "binance"));
  EXPECT_FALSE(queue.fail(stalled, "late failure"));
  EXPECT_FALSE(queue.retry_later(stalled, JobStatus::pending, std::nullopt, "late", "binance").recorded);
  ClaimedJob stalled_copy = stalled;
  EXPECT_FALSE(queue.exhaust_source(stalled_copy, "binance", "late"));
  EXPECT_EQ(row(id).status, "in_progress");
  EXPECT_EQ(row(id).locked_by, "successor");

  EXPECT_TRUE(queue.complete(taken_over, "coingecko"));
  const JobRow stored = row(id);
  EXPECT_EQ(stored.status, "completed");
  EXPECT_EQ(stored.source, "coingecko");
  EXPECT_EQ(stored.error_message, std::nullopt);
  EXPECT_FALSE(queue.complete(taken_over, "coingecko")) << "a finished job has no lease to hold";
}

TEST_F(BackfillQueueTest, RateLimitedJobWaitsForItsRetryAfter) {
  const std::int64_t id = enqueue_one();
  const ClaimedJob job = claim_only("w");
  const RetryOutcome outcome =
      queue.retry_later(job, JobStatus::rate_limited, seconds{120}, "429 Too Many Requests", "binance");
  EXPECT_TRUE(outcome.recorded);
  EXPECT_EQ(outcome.status, JobStatus::rate_limited);
  EXPECT_EQ(outcome.attempts, 1);
  EXPECT_EQ(outcome.delay, seconds{120});
  EXPECT_EQ(scheduled_delay(id), seconds{120}) << "the source's Retry-After, not the backoff";
  const JobRow stored = row(id);
  EXPECT_EQ(stored.status, "rate_limited");
  EXPECT_EQ(stored.locked_by, std::nullopt);
  EXPECT_EQ(stored.source, "binance");
  EXPECT_EQ(stored.error_message, "429 Too Many Requests");

  EXPECT_TRUE(queue.claim("w", 10, kLease).empty()) << "not before retry_after";
  pass_retry_after(id);
  const ClaimedJob again = claim_only("w");
  EXPECT_EQ(again.attempts, 1);
  EXPECT_EQ(again.source, "binance");
}

TEST_F(BackfillQueueTest, RateLimitedWithoutRetryAfterBacksOff) {
  const std::int64_t id = enqueue_one();
  const RetryOutcome outcome =
      queue.retry_later(claim_only("w"), JobStatus::rate_limited, std::nullopt, "429", "binance");
  EXPECT_EQ(outcome.delay, minutes{5});
  EXPECT_EQ(scheduled_delay(id), minutes{5});
}

TEST_F(BackfillQueueTest, TransientFailureBacksOffFiveTenTwentyForty) {
  const std::int64_t id = enqueue_one(10);
  for (const minutes expected : {minutes{5}, minutes{10}, minutes{20}, minutes{40}}) {
    const ClaimedJob job = claim_only("w");
    const RetryOutcome outcome =
        queue.retry_later(job, JobStatus::pending, std::nullopt, "HTTP 503", "binance");
    EXPECT_EQ(outcome.status, JobStatus::pending);
    EXPECT_EQ(scheduled_delay(id), expected);
    EXPECT_EQ(row(id).status, "pending");
    EXPECT_TRUE(queue.claim("w", 10, kLease).empty()) << "pending, but not before retry_after";
    pass_retry_after(id);
  }
  EXPECT_EQ(row(id).attempts, 4);
}

TEST_F(BackfillQueueTest, ATimedOutAttemptIsCountedAndTheClaimCarriesTheCount) {
  const std::int64_t id = enqueue_one(10);
  ClaimedJob job = claim_only("w");
  EXPECT_EQ(job.timeouts, 0);
  queue.retry_later(job, JobStatus::pending, std::nullopt, "yahoo: timeout", "yahoo", /*timed_out=*/true);
  pass_retry_after(id);
  job = claim_only("w");
  EXPECT_EQ(job.timeouts, 1);
  queue.retry_later(job, JobStatus::pending, std::nullopt, "yahoo: HTTP 503", "yahoo");
  pass_retry_after(id);
  job = claim_only("w");
  EXPECT_EQ(job.timeouts, 1) << "another transient error leaves the count as it was";
  queue.retry_later(job, JobStatus::pending, std::nullopt, "yahoo: timeout", "yahoo", /*timed_out=*/true);
  pass_retry_after(id);
  EXPECT_EQ(claim_only("w").timeouts, 2);
  EXPECT_EQ(row(id).attempts, 3);
}

TEST_F(BackfillQueueTest, WaitingForTheSourcesRateLimiterSpendsNoAttempt) {
  const std::int64_t id = enqueue_one(1);  // a single attempt: spending it would fail the job
  ASSERT_TRUE(queue.wait_for_source(claim_only("w"), seconds{20}, "binance: source binance is cooling down",
                                    "binance"));
  const JobRow stored = row(id);
  EXPECT_EQ(stored.status, "rate_limited");
  EXPECT_EQ(stored.attempts, 0);
  EXPECT_EQ(stored.error_message, "binance: source binance is cooling down");
  EXPECT_EQ(stored.source, "binance");
  EXPECT_FALSE(stored.locked_by.has_value());
  EXPECT_EQ(scheduled_delay(id), seconds{20});
  EXPECT_TRUE(queue.claim("w", 10, kLease).empty()) << "not due before its wait is over";
  pass_retry_after(id);
  EXPECT_EQ(claim_only("w").attempts, 0);
}

TEST_F(BackfillQueueTest, ReachingMaxAttemptsFailsWithTheReason) {
  const std::int64_t id = enqueue_one(2);
  EXPECT_EQ(queue.retry_later(claim_only("w"), JobStatus::pending, std::nullopt, "HTTP 503", "yahoo").status,
            JobStatus::pending);
  pass_retry_after(id);
  const RetryOutcome last =
      queue.retry_later(claim_only("w"), JobStatus::rate_limited, seconds{30}, "429 from yahoo", "yahoo");
  EXPECT_TRUE(last.recorded);
  EXPECT_EQ(last.status, JobStatus::failed);
  EXPECT_EQ(last.attempts, 2);
  const JobRow stored = row(id);
  EXPECT_EQ(stored.status, "failed");
  EXPECT_EQ(stored.attempts, 2);
  EXPECT_EQ(stored.error_message, "gave up after 2 attempts: 429 from yahoo");
  pass_retry_after(id);
  EXPECT_TRUE(queue.claim("w", 10, kLease).empty()) << "a failed job is never due";
}

TEST_F(BackfillQueueTest, FailRecordsTheError) {
  const std::int64_t id = enqueue_one();
  EXPECT_TRUE(queue.fail(claim_only("w"), "permanent: symbol delisted"));
  EXPECT_EQ(row(id).status, "failed");
  EXPECT_EQ(row(id).error_message, "permanent: symbol delisted");
  EXPECT_EQ(row(id).attempts, 0);
}

TEST_F(BackfillQueueTest, EveryStoredErrorTextIsRedacted) {
  const std::int64_t id = enqueue_one(5);
  ClaimedJob job = claim_only("w");
  ASSERT_TRUE(queue.exhaust_source(job, "binance", "HTTP 401 from https://h/k?apikey=key-1"));
  EXPECT_EQ(job.exhausted_sources[0].reason, "HTTP 401 from https://h/k?apikey=REDACTED");
  queue.retry_later(job, JobStatus::pending, seconds{0}, "Authorization: Bearer tok-2 refused", "yahoo");
  EXPECT_EQ(row(id).error_message, "Authorization: Bearer REDACTED refused");
  pass_retry_after(id);
  ASSERT_TRUE(queue.release(claim_only("w"), "cannot connect to host=db user=app password=pw-3"));
  EXPECT_EQ(row(id).error_message, "cannot connect to host=db user=app password=REDACTED");
  ASSERT_TRUE(queue.fail(claim_only("w"), "postgresql://app:pw-4@db/pf?sslpassword=pw-5"));
  EXPECT_EQ(row(id).error_message, "postgresql://REDACTED@db/pf?sslpassword=REDACTED");
}

TEST_F(BackfillQueueTest, ReleaseAfterADatabaseOutageMakesTheJobDueNowWithoutSpendingAnAttempt) {
  const std::int64_t id = enqueue_one();
  const ClaimedJob job = claim_only("w");
  EXPECT_TRUE(queue.release(job, "database connection lost mid-job: server closed the connection"));
  const JobRow stored = row(id);
  EXPECT_EQ(stored.status, "pending");
  EXPECT_EQ(stored.attempts, 0);
  EXPECT_EQ(stored.locked_by, std::nullopt);
  EXPECT_EQ(stored.error_message, "database connection lost mid-job: server closed the connection");
  const std::vector<ClaimedJob> again = queue.claim("other", 10, kLease);
  ASSERT_EQ(again.size(), 1u) << "due at once, not after the lease";
  EXPECT_EQ(again[0].attempts, 0);
  EXPECT_FALSE(queue.release(job, "late")) << "the first worker no longer holds it";
}

TEST_F(BackfillQueueTest, RetryLaterRefusesATerminalStatus) {
  enqueue_one();
  const ClaimedJob job = claim_only("w");
  EXPECT_THROW(queue.retry_later(job, JobStatus::completed, std::nullopt, "x", "y"), std::invalid_argument);
}

TEST_F(BackfillQueueTest, ExhaustedSourcesAreRememberedAcrossClaims) {
  const std::vector<std::string> chain = {"binance", "coingecko"};
  const std::int64_t id = enqueue_one();
  ClaimedJob job = claim_only("first");
  EXPECT_EQ(next_source(job, chain), "binance");
  ASSERT_TRUE(queue.exhaust_source(job, "binance", "not_found: Invalid symbol"));
  ASSERT_TRUE(queue.exhaust_source(job, "binance", "not_found: said twice")) << "recorded once";
  EXPECT_EQ(job.exhausted_sources, (std::vector<ExhaustedSource>{{"binance", "not_found: Invalid symbol"}}));
  EXPECT_EQ(next_source(job, chain), "coingecko");
  EXPECT_EQ(row(id).attempts, 0) << "moving to the next source spends no attempt";

  // The worker dies before coingecko answers; whoever takes the job over starts at coingecko.
  expire_lease(id);
  ClaimedJob rescued = claim_only("second");
  EXPECT_EQ(rescued.exhausted_sources,
            (std::vector<ExhaustedSource>{{"binance", "not_found: Invalid symbol"}}));
  EXPECT_EQ(rescued.source, "binance");
  EXPECT_EQ(next_source(rescued, chain), "coingecko");

  // A rate limit in between keeps the chain where it is.
  queue.retry_later(rescued, JobStatus::rate_limited, seconds{60}, "429", "coingecko");
  pass_retry_after(id);
  ClaimedJob after_wait = claim_only("third");
  EXPECT_EQ(next_source(after_wait, chain), "coingecko");

  ASSERT_TRUE(queue.exhaust_source(after_wait, "coingecko", "permanent: unparseable answer"));
  EXPECT_EQ(next_source(after_wait, chain), std::nullopt);
  ASSERT_TRUE(queue.fail(after_wait, describe_exhausted_sources(after_wait)));
  EXPECT_EQ(row(id).error_message,
            "no source could serve BTC (crypto): binance: not_found: Invalid symbol; coingecko: permanent: "
            "unparseable answer");
  EXPECT_EQ(row(id).status, "failed");
}

TEST_F(BackfillQueueTest, EnqueueCanStartPastSourcesKnownToLackTheRange) {
  pqxx::work tx(*sql);
  const auto job = BackfillQueue::enqueue(tx, asset_id, sys_days{2024y / May / 1}, sys_days{2024y / May / 3},
                                          Resolution::day, 5, {{"binance", "gap: no bars for these days"}});
  tx.commit();
  const ClaimedJob claimed = claim_only("w");
  EXPECT_EQ(claimed.id, job.id);
  EXPECT_EQ(next_source(claimed, {"binance", "coingecko"}), "coingecko");
}

TEST_F(BackfillQueueTest, EnqueueDoesNotDuplicateAnOpenJob) {
  const sys_days start{2023y / June / 1};
  const sys_days end{2024y / June / 1};
  const EnqueuedJob first = enqueue(start, end);
  EXPECT_TRUE(first.created);
  const EnqueuedJob again = enqueue(start, end);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.id, first.id);

  EXPECT_TRUE(enqueue(start + days{1}, end).created) << "another range is another job";
  EXPECT_TRUE(enqueue(start, end, 5, Resolution::hour).created) << "another resolution is another job";

  // Still open while in progress or rate limited.
  const auto jobs = queue.claim("w", 1, kLease);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].id, first.id);
  EXPECT_FALSE(enqueue(start, end).created);
  queue.retry_later(jobs[0], JobStatus::rate_limited, seconds{60}, "429", "binance");
  EXPECT_FALSE(enqueue(start, end).created);

  // Once finished, the same range may be queued again.
  pass_retry_after(first.id);
  for (const ClaimedJob& job : queue.claim("w", 10, kLease))
    queue.complete(job, "binance");
  const EnqueuedJob later = enqueue(start, end);
  EXPECT_TRUE(later.created);
  EXPECT_NE(later.id, first.id);
}

TEST_F(BackfillQueueTest, ConcurrentEnqueuesOfOneJobQueueItOnce) {
  const sys_days start{2023y / June / 1};
  const sys_days end{2024y / June / 1};
  auto first_connection = database.connect();
  pqxx::work first_tx(*first_connection);
  const EnqueuedJob first = BackfillQueue::enqueue(first_tx, asset_id, start, end, Resolution::day, 5);

  // The second transaction cannot see the first's uncommitted job: it waits for the first's key lock.
  auto second = std::async(std::launch::async, [&] {
    auto connection = database.connect();
    pqxx::work tx(*connection);
    const EnqueuedJob job = BackfillQueue::enqueue(tx, asset_id, start, end, Resolution::day, 5);
    tx.commit();
    return job;
  });
  EXPECT_EQ(second.wait_for(milliseconds{300}), std::future_status::timeout);
  first_tx.commit();
  const EnqueuedJob second_job = second.get();
  EXPECT_FALSE(second_job.created);
  EXPECT_EQ(second_job.id, first.id);
  EXPECT_EQ(queue.stats().jobs_by_status.at(JobStatus::pending), 1);
}

TEST_F(BackfillQueueTest, EnqueueRefusesAReversedRange) {
  pqxx::work tx(*sql);
  try {
    BackfillQueue::enqueue(tx, asset_id, sys_days{2024y / May / 2}, sys_days{2024y / May / 1},
                           Resolution::day, 5);
    FAIL() << "a reversed range was queued";
  } catch (const std::invalid_argument& error) {
    EXPECT_THAT(error.what(), HasSubstr("asset " + std::to_string(asset_id)));
    EXPECT_THAT(error.what(), HasSubstr("2024-05-02"));
  }
}

TEST_F(BackfillQueueTest, StatsCountJobsByStatusAndTheOldestDueAge) {
  QueueStats empty = queue.stats();
  EXPECT_EQ(empty.due, 0);
  EXPECT_EQ(empty.oldest_due_age, std::nullopt);
  EXPECT_EQ(empty.jobs_by_status.size(), kJobStatuses.size());

  const std::int64_t waiting = enqueue_one();
  enqueue(sys_days{2021y / January / 1}, sys_days{2021y / December / 31});
  enqueue(sys_days{2022y / January / 1}, sys_days{2022y / December / 31});
  execute("UPDATE backfill_queue SET created_at = now() - interval '90 seconds' WHERE id = $1", waiting);
  const auto running = queue.claim("w", 1, kLease);  // takes the oldest: `waiting`
  ASSERT_EQ(running.size(), 1u);
  execute("UPDATE backfill_queue SET created_at = now() - interval '30 seconds' WHERE id <> $1", waiting);

  const QueueStats stats = queue.stats();
  EXPECT_EQ(stats.jobs_by_status.at(JobStatus::pending), 2);
  EXPECT_EQ(stats.jobs_by_status.at(JobStatus::in_progress), 1);
  EXPECT_EQ(stats.jobs_by_status.at(JobStatus::completed), 0);
  EXPECT_EQ(stats.due, 2);
  ASSERT_TRUE(stats.oldest_due_age.has_value());
  EXPECT_GE(*stats.oldest_due_age, seconds{30});
  EXPECT_LT(*stats.oldest_due_age, seconds{60});
}

}  // namespace
}  // namespace pricefeed::host
