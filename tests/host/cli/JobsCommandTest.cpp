// `pricefeed jobs` end to end: the real binary against a private PostgreSQL holding jobs in every
// state, queued with BackfillQueue::enqueue and moved on by SQL the way workers leave them.
#include <chrono>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "host/queue/BackfillQueue.hpp"
#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using namespace std::chrono;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kLongError = "gave up after 5 attempts: yahoo: HTTP 503 " + std::string(300, 'x') + " END";

class JobsCommandTest : public ::testing::Test {
 protected:
  TestDatabase db;
  std::map<std::string, std::string> env{{"DATABASE_URL", db.url()}, {"COLUMNS", "200"}};
  std::int64_t pending = 0, failed = 0, completed = 0, limited = 0, running = 0;

  void SetUp() override {
    auto conn = db.connect();
    pqxx::work tx(*conn);
    const auto aapl =
        tx.exec("INSERT INTO assets (symbol, asset_class) VALUES ('AAPL', 'stock') RETURNING id")[0][0]
            .as<std::int64_t>();
    const auto btc =
        tx.exec("INSERT INTO assets (symbol, asset_class) VALUES ('BTC', 'crypto') RETURNING id")[0][0]
            .as<std::int64_t>();
    auto queue = [&](std::int64_t asset, int y) {
      return host::BackfillQueue::enqueue(tx, asset, sys_days{year{y} / January / 2},
                                          sys_days{year{y} / December / 31}, host::Resolution::day, 5)
          .id;
    };
    completed = queue(aapl, 2021);
    failed = queue(aapl, 2022);
    limited = queue(btc, 2023);
    running = queue(btc, 2024);
    pending = queue(aapl, 2025);
    // created_at orders "newest first": space them out so the order does not hang on one now().
    tx.exec("UPDATE backfill_queue SET created_at = now() - make_interval(mins => (100 - id)::int)");
    tx.exec_params(
        "UPDATE backfill_queue SET status = 'completed', source = 'yahoo', completed_at = now(), "
        "error_message = NULL WHERE id = $1",
        completed);
    tx.exec_params(
        "UPDATE backfill_queue SET status = 'failed', attempts = 5, source = 'yahoo', error_message = $2, "
        "exhausted_sources = '[{\"source\": \"stooq\", \"reason\": \"not_found\"}]' WHERE id = $1",
        failed, kLongError);
    tx.exec_params(
        "UPDATE backfill_queue SET status = 'rate_limited', attempts = 1, source = 'binance', "
        "retry_after = now() + interval '30 minutes', error_message = 'binance: HTTP 429' WHERE id = $1",
        limited);
    tx.exec_params(
        "UPDATE backfill_queue SET status = 'in_progress', locked_by = 'host-a:42', "
        "locked_until = now() + interval '5 minutes' WHERE id = $1",
        running);
    tx.commit();
  }
};

TEST_F(JobsCommandTest, TableListsNewestFirstWithTheErrorCutToTheTerminalAndCountsByStatus) {
  auto r = run_pricefeed({"jobs"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("ID"));
  EXPECT_THAT(r.out, HasSubstr("ERROR"));
  // Newest first: the 2025 job was queued last.
  EXPECT_LT(r.out.find("2025-01-02..2025-12-31"), r.out.find("2021-01-02..2021-12-31"));
  EXPECT_THAT(r.out, HasSubstr("AAPL stock"));
  EXPECT_THAT(r.out, HasSubstr("5/5"));
  EXPECT_THAT(r.out, HasSubstr("in 29m"));
  EXPECT_THAT(r.out, HasSubstr("by host-a:42"));
  EXPECT_THAT(r.out, HasSubstr("binance: HTTP 429"));
  EXPECT_THAT(r.out, HasSubstr("gave up after 5 attempts: yahoo: HTTP 503 xxx"));
  EXPECT_THAT(r.out, Not(HasSubstr(" END")));  // shortened in the table
  for (std::size_t start = 0, end; (end = r.out.find('\n', start)) != std::string::npos; start = end + 1)
    EXPECT_LE(end - start, 200u) << r.out.substr(start, end - start);
  EXPECT_THAT(r.out, HasSubstr("5 jobs: 1 pending, 1 in_progress, 1 rate_limited, 1 completed, 1 failed"));
}

TEST_F(JobsCommandTest, StatusAndLimitFilterTheTableButNotTheCounts) {
  auto r = run_pricefeed({"jobs", "--status", "failed"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("2022-01-02..2022-12-31"));
  EXPECT_THAT(r.out, Not(HasSubstr("2025-01-02")));
  EXPECT_THAT(r.out, HasSubstr("5 jobs: "));

  auto limited_run = run_pricefeed({"jobs", "--limit", "2"}, env);
  ASSERT_EQ(limited_run.exit_code, 0) << limited_run.err;
  EXPECT_THAT(limited_run.out,
              AllOf(HasSubstr("2025-01-02"), HasSubstr("2024-01-02"), Not(HasSubstr("2023-01-02"))));
  EXPECT_THAT(limited_run.out, HasSubstr("showing the newest 2"));
}

TEST_F(JobsCommandTest, JsonGivesEveryColumnWithTheWholeErrorAndUtcTimes) {
  auto r = run_pricefeed({"jobs", "--json"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto jobs = nlohmann::json::parse(r.out);
  ASSERT_TRUE(jobs.is_array());
  ASSERT_EQ(jobs.size(), 5u);
  EXPECT_EQ(jobs[0]["id"], pending);
  const auto& job = jobs[3];
  EXPECT_EQ(job["id"], failed);
  EXPECT_EQ(job["symbol"], "AAPL");
  EXPECT_EQ(job["asset_class"], "stock");
  EXPECT_EQ(job["resolution"], "1d");
  EXPECT_EQ(job["start_date"], "2022-01-02");
  EXPECT_EQ(job["end_date"], "2022-12-31");
  EXPECT_EQ(job["status"], "failed");
  EXPECT_EQ(job["attempts"], 5);
  EXPECT_EQ(job["max_attempts"], 5);
  EXPECT_EQ(job["source"], "yahoo");
  EXPECT_EQ(job["error_message"], kLongError);
  EXPECT_EQ(job["exhausted_sources"][0]["source"], "stooq");
  EXPECT_TRUE(job["retry_after"].is_null());
  EXPECT_TRUE(job["completed_at"].is_null());
  EXPECT_THAT(job["created_at"].get<std::string>(),
              ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"));
  EXPECT_EQ(jobs[1]["locked_by"], "host-a:42");
  EXPECT_THAT(jobs[2]["retry_after"].get<std::string>(), ::testing::EndsWith("Z"));
  EXPECT_THAT(jobs[4]["completed_at"].get<std::string>(), ::testing::EndsWith("Z"));
}

TEST_F(JobsCommandTest, ErrorTextIsRedactedInTheTableAndTheJson) {
  // A row stored before errors were redacted on the way in, or by another writer: the output redacts it.
  {
    auto conn = db.connect();
    pqxx::work tx(*conn);
    tx.exec_params("UPDATE backfill_queue SET error_message = $2 WHERE id = $1", limited,
                   "HTTP 401 from https://h/q?apikey=leaked-key-1 (Authorization: Bearer leaked-token-2)");
    tx.commit();
  }
  for (const auto& args : {std::vector<std::string>{"jobs"}, std::vector<std::string>{"jobs", "--json"}}) {
    auto r = run_pricefeed(args, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, AllOf(Not(HasSubstr("leaked-key-1")), Not(HasSubstr("leaked-token-2"))));
    EXPECT_THAT(r.out, HasSubstr("apikey=REDACTED"));  // the table shows the error's start whole
  }
}

TEST_F(JobsCommandTest, JsonOfAnEmptySelectionIsAnEmptyArray) {
  auto r = run_pricefeed({"jobs", "--json", "--status", "pending", "--limit", "1"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 1u);
  auto conn = db.connect();
  pqxx::work tx(*conn);
  tx.exec("DELETE FROM backfill_queue");
  tx.commit();
  r = run_pricefeed({"jobs", "--json"}, env);
  EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::array());
}

TEST_F(JobsCommandTest, UnknownStatusIsAUsageError) {
  auto r = run_pricefeed({"jobs", "--status", "stuck"}, env);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--status"));
  r = run_pricefeed({"jobs", "--limit", "0"}, env);
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace pricefeed::test
