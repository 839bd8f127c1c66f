// The SQL of the shared buckets (sql/010_cluster_rate_limits.sql), called as another service of the
// application would: pricefeed_acquire, pricefeed_enter_cooldown, pricefeed_configure_rate_limit.
// Time is moved by moving refilled_at back, never by sleeping: the tests count grants.

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

class SharedRateLimitSqlTest : public ::testing::Test {
 protected:
  void configure(const std::string& source, double requests_per_minute, int burst) {
    pqxx::nontransaction tx(*connection_);
    tx.exec_params("SELECT pricefeed_configure_rate_limit($1, $2, $3)", source, requests_per_minute, burst);
  }

  // pricefeed_acquire's answer in seconds: 0 = granted.
  double acquire(const std::string& source, int cost = 1) {
    pqxx::nontransaction tx(*connection_);
    return tx.exec_params1("SELECT extract(epoch FROM pricefeed_acquire($1, $2))", source, cost)[0]
        .as<double>();
  }

  int grants_in_a_row(const std::string& source, int at_most = 100) {
    int granted = 0;
    while (granted < at_most && acquire(source) == 0)
      ++granted;
    return granted;
  }

  // As if `seconds` had passed since the bucket was last brought up to date.
  void let_pass(const std::string& source, int seconds) {
    pqxx::nontransaction tx(*connection_);
    tx.exec_params(
        "UPDATE source_rate_limits SET refilled_at = refilled_at - make_interval(secs => $2) "
        "WHERE source = $1",
        source, seconds);
  }

  double column(const std::string& sql, const std::string& source) {
    pqxx::nontransaction tx(*connection_);
    return tx.exec_params1(sql, source)[0].as<double>();
  }

  test::TestDatabase database_;
  std::unique_ptr<pqxx::connection> connection_ = database_.connect();
};

TEST_F(SharedRateLimitSqlTest, GrantsUpToTheBurstThenAnswersHowLongToWait) {
  configure("yahoo", 60, 5);  // a unit per second

  EXPECT_EQ(grants_in_a_row("yahoo"), 5);
  const double wait = acquire("yahoo");
  EXPECT_GT(wait, 0.9);
  EXPECT_LE(wait, 1.0);
}

TEST_F(SharedRateLimitSqlTest, ConcurrentCallersTogetherGetTheBurstAndNotOneUnitMore) {
  configure("slow", 1, 20);  // a unit a minute: nothing is earned while the callers race
  std::atomic<int> granted{0};
  {
    std::vector<std::jthread> callers;
    for (int caller = 0; caller < 8; ++caller) {
      callers.emplace_back([&] {
        auto connection = database_.connect();
        for (int i = 0; i < 10; ++i) {
          pqxx::nontransaction tx(*connection);
          if (tx.exec1("SELECT pricefeed_acquire('slow') = interval '0'")[0].as<bool>()) ++granted;
        }
      });
    }
  }
  EXPECT_EQ(granted.load(), 20);
}

TEST_F(SharedRateLimitSqlTest, RefillsAtTheConfiguredRateUpToTheBurst) {
  configure("slow", 6, 5);  // a unit every 10 s: the test's own run time earns nothing
  ASSERT_EQ(grants_in_a_row("slow"), 5);

  let_pass("slow", 30);
  EXPECT_EQ(grants_in_a_row("slow"), 3);

  let_pass("slow", 3600);
  EXPECT_EQ(grants_in_a_row("slow"), 5) << "never more than the burst";
}

TEST_F(SharedRateLimitSqlTest, ACostAboveTheBurstWaitsForAFullBucketAndLeavesItInDebt) {
  configure("binance", 60, 10);
  EXPECT_EQ(acquire("binance", 40), 0);
  EXPECT_NEAR(acquire("binance", 1), 31, 0.1) << "30 units of debt, then the unit itself";
}

TEST_F(SharedRateLimitSqlTest, ACooldownGrantsNothingUntilItEndsWhateverTheBucketHolds) {
  configure("yahoo", 60, 5);
  {
    pqxx::nontransaction tx(*connection_);
    tx.exec("SELECT pricefeed_enter_cooldown('yahoo', interval '30 seconds')");
    // Even a bucket made full by hand: the cooldown decides.
    tx.exec("UPDATE source_rate_limits SET tokens = 5 WHERE source = 'yahoo'");
  }
  const double wait = acquire("yahoo");
  EXPECT_GT(wait, 29);
  EXPECT_LE(wait, 30);
  EXPECT_GT(column("SELECT cooldown_seconds FROM source_rate_limit_state WHERE source = $1", "yahoo"), 29);
  EXPECT_GT(acquire("yahoo", 3), 29);
}

TEST_F(SharedRateLimitSqlTest, AShorterCooldownDoesNotEndALongerOne) {
  configure("yahoo", 60, 5);
  pqxx::nontransaction tx(*connection_);
  tx.exec("SELECT pricefeed_enter_cooldown('yahoo', interval '60 seconds')");
  tx.exec("SELECT pricefeed_enter_cooldown('yahoo', interval '5 seconds')");
  EXPECT_GT(tx.exec1("SELECT cooldown_seconds FROM source_rate_limit_state")[0].as<double>(), 55);
}

TEST_F(SharedRateLimitSqlTest, AnUnknownSourceIsAnErrorNamingIt) {
  try {
    acquire("nobody");
    FAIL() << "expected an error";
  } catch (const pqxx::sql_error& error) {
    EXPECT_EQ(error.sqlstate(), "P0002");
    EXPECT_NE(std::string(error.what()).find("no shared rate limit for source \"nobody\""),
              std::string::npos);
  }
}

TEST_F(SharedRateLimitSqlTest, TheLastHostToStartSetsTheFiguresAndTheTokensStayWithinTheNewBurst) {
  configure("yahoo", 60, 10);
  ASSERT_EQ(grants_in_a_row("yahoo", 2), 2);

  pqxx::nontransaction tx(*connection_);
  const pqxx::row previous = tx.exec1(
      "SELECT previous_requests_per_minute, previous_burst FROM pricefeed_configure_rate_limit('yahoo', "
      "30, 4)");
  EXPECT_EQ(previous[0].as<double>(), 60);
  EXPECT_EQ(previous[1].as<int>(), 10);
  const pqxx::row now = tx.exec1("SELECT requests_per_minute, burst, tokens FROM source_rate_limit_state");
  EXPECT_EQ(now[0].as<double>(), 30);
  EXPECT_EQ(now[1].as<int>(), 4);
  EXPECT_LE(now[2].as<double>(), 4);
}

TEST_F(SharedRateLimitSqlTest, LeasedUnitsAreKeptOutOfTheRefillWhileTheyMayBeHeld) {
  configure("yahoo", 60, 10);
  {
    pqxx::nontransaction tx(*connection_);
    // Long lease windows, so that the test's run time cannot end the lease.
    tx.exec("UPDATE source_rate_limits SET lease_seconds = 10");
    const pqxx::row taken =
        tx.exec1("SELECT granted, tokens FROM pricefeed_take_rate_limit_tokens('yahoo', 1, 8)");
    EXPECT_EQ(taken[0].as<double>(), 5) << "the cost and 4 more: never more than half of what is left";
    EXPECT_NEAR(taken[1].as<double>(), 5, 0.01);
  }
  let_pass("yahoo", 3600);
  EXPECT_NEAR(column("SELECT tokens FROM source_rate_limit_state WHERE source = $1", "yahoo"), 6, 0.01)
      << "the 4 units a host may still hold count against the burst";
}

}  // namespace
}  // namespace pricefeed::host
