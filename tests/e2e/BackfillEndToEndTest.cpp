// Mode 1 end to end: the real pricefeed binary, the real Yahoo plugin, the sandbox upstream and a
// real PostgreSQL. A job is queued, the worker fetches it through the rate limiter, validates and
// writes it; what is stored must equal the sandbox's truth.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;

class BackfillEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = dir_.write_file("pricefeed.toml", database_and_plugins_toml(db_) + R"([worker]
retry_base_minutes = 1
)" + source_toml("yahoo", sandbox_.base_url(), 600, 20) +
                                                    R"(timeout_seconds = 3
[routing]
stock = ["yahoo"]
)");
  }

  CommandResult pricefeed(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_.string(), "--log-format", "text"});
    return run_pricefeed(args);
  }

  void backfill(const std::string& symbol, const std::string& from, const std::string& to) {
    auto r = pricefeed({"backfill", symbol, "--class", "stock", "--from", from, "--to", to});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // Makes a job that waits for its backoff due now, as if its retry_after had passed.
  void let_backoff_pass() {
    auto c = db_.connect();
    pqxx::work tx(*c);
    tx.exec("UPDATE backfill_queue SET retry_after = now() - interval '1 second'");
    tx.commit();
  }

  // What a finished job must have stored: exactly the sandbox's bars for the range, and nothing else.
  void expect_stored_equals_truth(const std::string& symbol, const std::string& from, const std::string& to) {
    const auto expected = truth_closes(sandbox_, symbol, from, to);
    auto stored = query(
        "SELECT to_char((ts AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD'), close FROM asset_prices p "
        "JOIN assets a ON a.id = p.asset_id WHERE a.symbol = '" +
        symbol + "' AND p.resolution = '1d' ORDER BY ts");
    ASSERT_EQ(stored.size(), expected.size());
    auto it = expected.begin();
    for (std::size_t i = 0; i < stored.size(); ++i, ++it) {
      EXPECT_EQ(stored[i][0].as<std::string>(), it->first);
      EXPECT_NEAR(stored[i][1].as<double>(), it->second, 1e-3);
    }
  }

  pqxx::result query(const std::string& sql) { return test::query(db_, sql); }

  TestDatabase db_;
  sandbox::SandboxProcess sandbox_;
  TemporaryDirectory dir_;
  std::filesystem::path config_;
};

TEST_F(BackfillEndToEnd, AQueuedJobEndsWithTheSandboxsBarsStored) {
  backfill("AAPL", "2025-01-02", "2025-03-31");
  auto worker = pricefeed({"worker", "--once"});
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  EXPECT_THAT(worker.out, HasSubstr("completed 1"));

  expect_stored_equals_truth("AAPL", "2025-01-02", "2025-03-31");
  EXPECT_EQ(query("SELECT string_agg(DISTINCT source, ',') FROM asset_prices")[0][0].as<std::string>(),
            "yahoo");
  auto job = query("SELECT status, source FROM backfill_queue");
  ASSERT_EQ(job.size(), 1u);
  EXPECT_EQ(job[0][0].as<std::string>(), "completed");
  auto tracked = query("SELECT history_from::text, last_price_update IS NOT NULL FROM tracked_assets");
  EXPECT_EQ(tracked[0][0].as<std::string>(), "2025-01-02");
  EXPECT_TRUE(tracked[0][1].as<bool>());
}

TEST_F(BackfillEndToEnd, AReplayedRangeChangesNothing) {
  backfill("MSFT", "2025-02-03", "2025-02-28");
  ASSERT_EQ(pricefeed({"worker", "--once"}).exit_code, 0);
  auto before = query("SELECT ts, xmin::text FROM asset_prices ORDER BY ts");
  backfill("MSFT", "2025-02-03", "2025-02-28");
  auto replay = pricefeed({"worker", "--once"});
  ASSERT_EQ(replay.exit_code, 0) << replay.err;
  EXPECT_THAT(replay.out, HasSubstr("completed 1"));
  auto after = query("SELECT ts, xmin::text FROM asset_prices ORDER BY ts");
  ASSERT_EQ(after.size(), before.size());
  ASSERT_GT(after.size(), 0u);
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i][1].as<std::string>(), before[i][1].as<std::string>())
        << "row " << i << " was rewritten";
  }
}

TEST_F(BackfillEndToEnd, A429MakesTheJobWaitForRetryAfterThenSucceed) {
  sandbox_.add_fault(R"({"route":"yahoo.chart","kind":"429","retry_after":"2","count":1})");
  backfill("NVDA", "2025-03-03", "2025-03-14");
  auto first = pricefeed({"worker", "--once"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("to retry 1"));
  auto job = query(
      "SELECT status, attempts, extract(epoch FROM retry_after - now()), error_message FROM backfill_queue");
  ASSERT_EQ(job.size(), 1u);
  EXPECT_EQ(job[0][0].as<std::string>(), "rate_limited");
  EXPECT_EQ(job[0][1].as<int>(), 1);
  EXPECT_LE(job[0][2].as<double>(), 2.5);  // the sandbox's Retry-After, not the minute of backoff
  EXPECT_GT(job[0][2].as<double>(), -5.0);
  EXPECT_THAT(job[0][3].as<std::string>(), HasSubstr("429"));

  // Before its retry_after the job is not due; after it, the next run completes it.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  auto second = pricefeed({"worker", "--once"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("completed 1"));
  EXPECT_EQ(query("SELECT status FROM backfill_queue")[0][0].as<std::string>(), "completed");
  EXPECT_GT(query("SELECT count(*) FROM asset_prices")[0][0].as<int>(), 5);
}

// A broken answer is transient: the job waits for its backoff (pending, one attempt spent, the reason
// kept), nothing of the broken answer is stored, and the next run stores exactly the truth.
struct BrokenAnswer {
  const char* fault;   // the sandbox fault, as JSON
  const char* reason;  // what the job's error_message must mention
};

class BackfillAfterABrokenAnswer : public BackfillEndToEnd,
                                   public ::testing::WithParamInterface<BrokenAnswer> {};

TEST_P(BackfillAfterABrokenAnswer, IsRetriedWithBackoffAndThenStoresTheTruth) {
  sandbox_.add_fault(GetParam().fault);
  backfill("AMZN", "2025-01-06", "2025-02-28");
  auto first = pricefeed({"worker", "--once"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("to retry 1"));
  auto job = query(
      "SELECT status, attempts, extract(epoch FROM retry_after - now()), error_message FROM backfill_queue");
  ASSERT_EQ(job.size(), 1u);
  EXPECT_EQ(job[0][0].as<std::string>(), "pending");
  EXPECT_EQ(job[0][1].as<int>(), 1);
  EXPECT_NEAR(job[0][2].as<double>(), 60.0, 10.0);  // retry_base_minutes = 1, first attempt
  EXPECT_THAT(job[0][3].as<std::string>(), HasSubstr("yahoo: transient: "));
  EXPECT_THAT(job[0][3].as<std::string>(), HasSubstr(GetParam().reason));
  EXPECT_EQ(query("SELECT count(*) FROM asset_prices")[0][0].as<int>(), 0);

  let_backoff_pass();
  auto second = pricefeed({"worker", "--once"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("completed 1"));
  EXPECT_EQ(query("SELECT status FROM backfill_queue")[0][0].as<std::string>(), "completed");
  expect_stored_equals_truth("AMZN", "2025-01-06", "2025-02-28");
}

INSTANTIATE_TEST_SUITE_P(
    Faults, BackfillAfterABrokenAnswer,
    ::testing::Values(BrokenAnswer{R"({"route":"yahoo.chart","kind":"500","count":1})", "500"},
                      BrokenAnswer{R"({"route":"yahoo.chart","kind":"503","count":1})", "503"},
                      BrokenAnswer{R"({"route":"yahoo.chart","kind":"malformed","count":1})", "not JSON"},
                      BrokenAnswer{R"({"route":"yahoo.chart","kind":"truncated","count":1})", "(truncated)"},
                      BrokenAnswer{R"({"route":"yahoo.chart","kind":"reset","count":1})", "(reset)"},
                      // Longer than the source's timeout_seconds (3).
                      BrokenAnswer{R"({"route":"yahoo.chart","kind":"slow","delay_ms":5000,"count":1})",
                                   "timeout"}),
    [](const ::testing::TestParamInfo<BrokenAnswer>& info) {
      std::string name = nlohmann::json::parse(info.param.fault).at("kind").get<std::string>();
      return name.front() >= '0' && name.front() <= '9' ? "Http" + name : name;
    });

TEST_F(BackfillEndToEnd, ASlowAnswerWithinTheTimeoutIsWaitedFor) {
  sandbox_.add_fault(R"({"route":"yahoo.chart","kind":"slow","delay_ms":1500,"count":1})");
  backfill("META", "2025-01-06", "2025-01-31");
  auto worker = pricefeed({"worker", "--once"});
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  EXPECT_THAT(worker.out, HasSubstr("completed 1"));
  expect_stored_equals_truth("META", "2025-01-06", "2025-01-31");
}

// Both answers come 5 s late: the first attempt gives up at timeout_seconds (3), the second is given
// twice that and waits the answer out.
TEST_F(BackfillEndToEnd, ATimedOutAnswerIsAskedAgainWithTwiceTheTimeout) {
  sandbox_.add_fault(R"({"route":"yahoo.chart","kind":"slow","delay_ms":5000,"count":2})");
  backfill("ORCL", "2025-01-06", "2025-01-31");
  auto first = pricefeed({"worker", "--once"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("to retry 1"));
  auto job = query("SELECT attempts, timeouts, error_message FROM backfill_queue");
  EXPECT_EQ(job[0][0].as<int>(), 1);
  EXPECT_EQ(job[0][1].as<int>(), 1);
  EXPECT_THAT(job[0][2].as<std::string>(), HasSubstr("timeout"));

  let_backoff_pass();
  auto second = pricefeed({"worker", "--once"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("completed 1"));
  job = query("SELECT status, attempts, timeouts FROM backfill_queue");
  EXPECT_EQ(job[0][0].as<std::string>(), "completed");
  EXPECT_EQ(job[0][1].as<int>(), 1) << "the answer waited for spends no attempt";
  EXPECT_EQ(job[0][2].as<int>(), 1);
  expect_stored_equals_truth("ORCL", "2025-01-06", "2025-01-31");
}

// One 429 cools the source down; a job whose request the limiter then holds back was never refused by
// the source, so it waits for the cooldown without spending an attempt (docs/backfill-worker.md).
TEST_F(BackfillEndToEnd, AJobHeldBackWhileItsSourceCoolsDownSpendsNoAttempt) {
  // pool_size 2 leaves one job thread, so the second job is asked after the first got the 429.
  config_ = dir_.write_file("one-job-thread.toml", database_and_plugins_toml(db_, "pool_size = 2\n") +
                                                       source_toml("yahoo", sandbox_.base_url(), 600, 20) +
                                                       "[routing]\nstock = [\"yahoo\"]\n");
  sandbox_.add_fault(R"({"route":"yahoo.chart","kind":"429","retry_after":"30","count":1})");
  backfill("IBM", "2025-02-03", "2025-02-14");
  backfill("INTC", "2025-02-03", "2025-02-14");
  auto worker = pricefeed({"worker", "--once"});
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  EXPECT_THAT(worker.out, HasSubstr("to retry 2"));

  auto jobs = query(
      "SELECT status, attempts, error_message, extract(epoch FROM retry_after - now()) "
      "FROM backfill_queue ORDER BY attempts DESC");
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0][0].as<std::string>(), "rate_limited");
  EXPECT_EQ(jobs[0][1].as<int>(), 1) << "the 429 the source gave spends an attempt";
  EXPECT_THAT(jobs[0][2].as<std::string>(), HasSubstr("HTTP 429"));
  EXPECT_EQ(jobs[1][0].as<std::string>(), "rate_limited");
  EXPECT_EQ(jobs[1][1].as<int>(), 0) << "held back, never sent";
  EXPECT_THAT(jobs[1][2].as<std::string>(), HasSubstr("cooling down"));
  EXPECT_GT(jobs[1][3].as<double>(), 20.0) << "due when the cooldown ends";
  const auto stats = nlohmann::json::parse(sandbox_.get("/__sandbox/stats").body);
  EXPECT_EQ(stats.at("routes").at("yahoo.chart").at("requests").get<int>(), 1)
      << "the second job's request was never sent";
}

TEST_F(BackfillEndToEnd, AnUnknownSymbolFailsWithEverySourcesReason) {
  backfill("NOSUCH", "2025-03-03", "2025-03-14");
  auto worker = pricefeed({"worker", "--once"});
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  EXPECT_THAT(worker.out, HasSubstr("failed 1"));
  auto job = query("SELECT status, error_message FROM backfill_queue");
  EXPECT_EQ(job[0][0].as<std::string>(), "failed");
  EXPECT_THAT(job[0][1].as<std::string>(), HasSubstr("yahoo: not_found"));
  EXPECT_EQ(query("SELECT count(*) FROM asset_prices")[0][0].as<int>(), 0);
}

TEST_F(BackfillEndToEnd, BadArgumentsAreRefusedNamingWhatIsWrong) {
  auto r = pricefeed({"backfill", "AA/PL", "--class", "stock", "--from", "2025-01-02"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("SYMBOL: "));
  r = pricefeed({"backfill", "AAPL", "--class", "shares", "--from", "2025-01-02"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--class: \"shares\""));
  EXPECT_EQ(query("SELECT count(*) FROM backfill_queue")[0][0].as<int>(), 0);
}

}  // namespace
}  // namespace pricefeed::test
