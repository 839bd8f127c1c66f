// ClusterRateLimiter on a real PostgreSQL: two instances with connections of their own stand for
// two hosts sharing one source's budget.

#include "host/ratelimit/ClusterRateLimiter.hpp"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "host/ratelimit/ManualClock.hpp"
#include "host/ratelimit/SteadyClock.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;

// One host: its own connections and bucket client, its own limiter for the source.
struct Host {
  Host(const test::TestDatabase& database, RateLimit limit, Clock& clock,
       ClusterRateLimiterSettings settings = {})
      : pool(database.url(), 2), bucket(pool), limiter("yahoo", limit, bucket, clock, settings) {}

  ConnectionPool pool;
  SharedRateLimitBucket bucket;
  ClusterRateLimiter limiter;
};

TEST(ClusterRateLimiterTest, TwoHostsTogetherNeverExceedTheRatePlusTheBurst) {
  test::TestDatabase database;
  SteadyClock clock;
  const RateLimit limit{600, 5};  // ten a second
  Host first(database, limit, clock);
  Host second(database, limit, clock);

  std::atomic<int> granted{0};
  const auto start = std::chrono::steady_clock::now();
  const auto stop_at = start + 2s;
  std::vector<std::jthread> callers;
  for (Host* host : {&first, &second, &first, &second}) {
    callers.emplace_back([&, host] {
      while (std::chrono::steady_clock::now() < stop_at) {
        if (host->limiter.acquire(1, clock.now() + 100ms).granted()) ++granted;
      }
    });
  }
  callers.clear();
  const double elapsed_minutes =
      std::chrono::duration<double, std::ratio<60>>(std::chrono::steady_clock::now() - start).count();

  // An upper bound over the time actually taken: a slow machine grants fewer, never more.
  EXPECT_LE(granted.load(), limit.burst + limit.requests_per_minute * elapsed_minutes);
  EXPECT_GE(granted.load(), static_cast<int>(limit.burst)) << "the hosts did get their tokens";
  EXPECT_EQ(first.limiter.state().requests_granted + second.limiter.state().requests_granted,
            static_cast<std::uint64_t>(granted.load()));
}

TEST(ClusterRateLimiterTest, ACooldownEnteredByOneHostMakesTheOtherAnswerCoolingDown) {
  test::TestDatabase database;
  ManualClock clock;
  Host first(database, RateLimit{60, 5}, clock);
  Host second(database, RateLimit{60, 5}, clock);
  ASSERT_TRUE(second.limiter.acquire(1, clock.now()).granted()) << "the second host holds a lease now";

  first.limiter.enter_cooldown(clock.now() + 30s);

  // Within its lease the second host may still spend what it holds; once the lease time is over
  // (at most a second) it asks the database, which says the source is cooling down.
  clock.advance(1s);
  const Admission admission = second.limiter.acquire(1, clock.now() + 60s);
  EXPECT_EQ(admission.outcome, Admission::Outcome::cooling_down);
  EXPECT_GT(admission.cooldown_until, clock.now() + 25s);
  EXPECT_TRUE(second.limiter.state().cooldown_until.has_value());
  EXPECT_EQ(first.limiter.acquire(1, clock.now()).outcome, Admission::Outcome::cooling_down);
}

TEST(ClusterRateLimiterTest, LeasesSpareRoundTripsAndLeaseSizeOneAsksEveryTime) {
  test::TestDatabase database;
  ManualClock clock;  // still: leases never expire during the test
  Host leasing(database, RateLimit{60, 20}, clock, ClusterRateLimiterSettings{.lease_requests = 5});
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(leasing.limiter.acquire(1, clock.now()).granted());
  auto connection = database.connect();
  pqxx::nontransaction tx(*connection);
  // 20 - 5: one round trip took all five, held by the host.
  EXPECT_NEAR(tx.exec1("SELECT tokens FROM source_rate_limits")[0].as<double>(), 15, 0.1);

  Host one_by_one(database, RateLimit{60, 20}, clock, ClusterRateLimiterSettings{.lease_requests = 1});
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(one_by_one.limiter.acquire(1, clock.now()).granted());
  EXPECT_NEAR(tx.exec1("SELECT tokens FROM source_rate_limits")[0].as<double>(), 12, 0.1);
}

TEST(ClusterRateLimiterTest, AnUnreachableDatabaseGrantsNothing) {
  ManualClock clock;
  // Nothing listens on port 1.
  ConnectionPool pool("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", 1);
  SharedRateLimitBucket bucket(pool);
  ClusterRateLimiter limiter("yahoo", RateLimit{60, 5}, bucket, clock,
                             ClusterRateLimiterSettings{.outage_retry = 1s});
  EXPECT_EQ(limiter.acquire(1, clock.now() + 500ms).outcome, Admission::Outcome::deadline_passed);
  EXPECT_EQ(limiter.state().requests_granted, 0u);
}

}  // namespace
}  // namespace pricefeed::host
