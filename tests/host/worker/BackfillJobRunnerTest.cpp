// BackfillJobRunner::run on one claimed job: what it stores and records for each answer a source can
// give. The sources are the real plugins, their upstream the sandbox, each answer a sandbox fault.
#include "host/worker/BackfillJobRunner.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "host/cli/SourceRuntime.hpp"
#include "host/config/ConfigLoader.hpp"
#include "host/plugins/OutputCaps.hpp"
#include "host/time/CalendarDate.hpp"
#include "host/worker/JobPriceSink.hpp"
#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;
using ::testing::StartsWith;

sys_days today() {
  return floor<days>(system_clock::now());
}

// What a finished-job hook was handed.
struct FinishedJob {
  std::int64_t job_id = 0;
  std::string completed_by;
};

class BackfillJobRunnerTest : public ::testing::Test {
 protected:
  static constexpr int kRetryBaseMinutes = 1;
  static constexpr auto kLease = std::chrono::seconds(60);

  // Queues a job for the asset (created with `source_ids`) and claims it, as a worker would.
  ClaimedJob claim_job(const std::string& symbol, AssetClass asset_class, sys_days from, sys_days to,
                       Resolution resolution = Resolution::day, const std::string& source_ids = "{}") {
    {
      pqxx::work tx(*sql);
      const auto asset_id =
          tx.exec_params1(
                "INSERT INTO assets (symbol, asset_class, source_ids) VALUES ($1, $2, $3::jsonb) "
                "RETURNING id",
                symbol, asset_class_name(asset_class), source_ids)[0]
              .as<std::int64_t>();
      BackfillQueue::enqueue(tx, asset_id, from, to, resolution, /*max_attempts=*/3);
      tx.commit();
    }
    std::vector<ClaimedJob> claimed = queue.claim("runner-test", 1, kLease);
    EXPECT_EQ(claimed.size(), 1u);
    return claimed.empty() ? ClaimedJob{} : claimed.front();
  }

  JobOutcome run(ClaimedJob& job) {
    BackfillJobRunner runner(pool, queue, sources.registry(), routing, kLease,
                             std::make_shared<PricePartitions>());
    runner.add_finished_hook([this](pqxx::connection&, const ClaimedJob& finished_job,
                                    const std::string& completed_by, const std::vector<Action>&) {
      finished.push_back({finished_job.id, completed_by});
    });
    return runner.run(job, stop);
  }

  pqxx::row job_row(std::int64_t job_id) {
    pqxx::work tx(*sql);
    return tx.exec_params1(
        "SELECT status, attempts, COALESCE(source, ''), COALESCE(error_message, ''), "
        "exhausted_sources::text, "
        "COALESCE(extract(epoch FROM retry_after - now()), 0)::float8 FROM backfill_queue WHERE id = $1",
        job_id);
  }

  pqxx::result query(const std::string& text) {
    pqxx::work tx(*sql);
    return tx.exec(text);
  }

  // What a correct run stores: the sandbox's daily closes of `instrument` (AAPL, BTC-USD) in [from,
  // to], each from `source`.
  void expect_stored_equals_truth(const std::string& instrument, sys_days from, sys_days to,
                                  const std::string& source) {
    const auto expected = test::truth_closes(sandbox, instrument, format_iso_date(from), format_iso_date(to));
    const auto stored = query(
        "SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), close, source FROM asset_prices ORDER BY ts");
    ASSERT_EQ(stored.size(), expected.size());
    ASSERT_FALSE(expected.empty());
    auto truth = expected.begin();
    for (std::size_t i = 0; i < stored.size(); ++i, ++truth) {
      EXPECT_EQ(stored[i][0].as<std::string>(), truth->first);
      EXPECT_NEAR(stored[i][1].as<double>(), truth->second, 1e-3);
      EXPECT_EQ(stored[i][2].as<std::string>(), source);
    }
  }

  test::TestDatabase database;
  std::unique_ptr<pqxx::connection> sql = database.connect();
  sandbox::SandboxProcess sandbox;
  LoadedConfig loaded = load_config_text(test::database_and_plugins_toml(database) +
                                             test::source_toml("yahoo", sandbox.base_url()) +
                                             test::source_toml("binance", sandbox.base_url()) +
                                             test::source_toml("coingecko", sandbox.base_url() + "/api/v3"),
                                         "backfill_job_runner_test", "", Environment{});
  SourceRuntime sources{loaded.config};
  RoutingConfig routing;  // stock: yahoo; crypto: binance, then coingecko
  ConnectionPool pool{database.url(), 2};
  BackfillQueue queue{pool, BackfillQueueOptions{.retry_base_minutes = kRetryBaseMinutes}};
  std::atomic<bool> stop{false};
  std::vector<FinishedJob> finished;
};

TEST_F(BackfillJobRunnerTest, TheJobsBarsAreWrittenAndTheJobCompletes) {
  const sys_days from = today() - days(30);
  const sys_days to = today() - days(20);
  ClaimedJob job = claim_job("AAPL", AssetClass::stock, from, to);

  EXPECT_EQ(run(job), JobOutcome::completed);

  const auto row = job_row(job.id);
  EXPECT_EQ(row[0].as<std::string>(), "completed");
  EXPECT_EQ(row[2].as<std::string>(), "yahoo");
  expect_stored_equals_truth("AAPL", from, to, "yahoo");
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].job_id, job.id);
  EXPECT_EQ(finished[0].completed_by, "yahoo");
}

// The kind of the sandbox's fault on Binance's klines, and the status the binance plugin makes of it.
using FaultAndStatus = std::pair<std::string, std::string>;

// A source that says it does not have the asset, or refuses the request for good, is not asked
// again for this job; the next source of the chain is, and no attempt is spent.
class ASourceThatCannotServeTheJob : public BackfillJobRunnerTest,
                                     public ::testing::WithParamInterface<FaultAndStatus> {};

TEST_P(ASourceThatCannotServeTheJob, IsExhaustedAndTheNextSourceCompletesIt) {
  const auto& [fault, status] = GetParam();
  sandbox.add_fault(R"({"route":"binance.klines","count":-1,"kind":")" + fault + "\"}");
  const sys_days from = today() - days(30);
  const sys_days to = today() - days(20);
  ClaimedJob job =
      claim_job("BTC", AssetClass::crypto, from, to, Resolution::day, R"({"coingecko": "bitcoin"})");

  EXPECT_EQ(run(job), JobOutcome::completed);

  const auto row = job_row(job.id);
  EXPECT_EQ(row[0].as<std::string>(), "completed");
  EXPECT_EQ(row[1].as<int>(), 0);
  EXPECT_EQ(row[2].as<std::string>(), "coingecko");
  const auto exhausted = nlohmann::json::parse(row[4].as<std::string>());
  ASSERT_EQ(exhausted.size(), 1u) << exhausted;
  EXPECT_EQ(exhausted[0].at("source"), "binance");
  EXPECT_THAT(exhausted[0].at("reason").get<std::string>(), StartsWith(status + ": "));
  expect_stored_equals_truth("BTC-USD", from, to, "coingecko");
}

INSTANTIATE_TEST_SUITE_P(Answers, ASourceThatCannotServeTheJob,
                         ::testing::Values(FaultAndStatus{"unknown_symbol", "not_found"},
                                           FaultAndStatus{"401", "permanent"}),
                         [](const auto& info) { return info.param.second; });

TEST_F(BackfillJobRunnerTest, WhenNoSourceOfTheChainCanServeTheJobItFailsWithEachOnesReason) {
  sandbox.add_fault(R"({"route":"binance.klines","kind":"unknown_symbol","count":-1})");
  sandbox.add_fault(R"({"route":"coingecko","kind":"unknown_symbol","count":-1})");
  ClaimedJob job = claim_job("BTC", AssetClass::crypto, today() - days(30), today() - days(20),
                             Resolution::day, R"({"coingecko": "bitcoin"})");

  EXPECT_EQ(run(job), JobOutcome::failed);

  const auto row = job_row(job.id);
  EXPECT_EQ(row[0].as<std::string>(), "failed");
  EXPECT_THAT(row[3].as<std::string>(), HasSubstr("binance"));
  EXPECT_THAT(row[3].as<std::string>(), HasSubstr("coingecko"));
  EXPECT_EQ(query("SELECT count(*) FROM asset_prices")[0][0].as<int>(), 0);
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].completed_by, "");
}

TEST_F(BackfillJobRunnerTest, ARoutedSourceThatDoesNotServeTheResolutionIsSkippedUnasked) {
  routing.sources_by_asset_class[AssetClass::crypto] = {"coingecko",
                                                        "binance"};  // coingecko has daily closes only
  ClaimedJob job =
      claim_job("BTC", AssetClass::crypto, today() - days(3), today() - days(2), Resolution::hour);

  EXPECT_EQ(run(job), JobOutcome::completed);

  const auto row = job_row(job.id);
  EXPECT_EQ(row[2].as<std::string>(), "binance");
  EXPECT_THAT(row[4].as<std::string>(), HasSubstr("source does not serve this resolution"));
  EXPECT_EQ(query("SELECT count(*) FROM asset_prices WHERE resolution = '1h'")[0][0].as<int>(), 48);
  const auto stats = nlohmann::json::parse(sandbox.stats());
  EXPECT_FALSE(stats.at("routes").contains("coingecko.market_chart_range")) << stats;
}

TEST_F(BackfillJobRunnerTest, ATransientAnswerSpendsAnAttemptAndWaitsForTheBackoff) {
  sandbox.add_fault(R"({"route":"yahoo.chart","kind":"503","count":1})");
  ClaimedJob job = claim_job("MSFT", AssetClass::stock, today() - days(30), today() - days(20));

  EXPECT_EQ(run(job), JobOutcome::retry_later);

  const auto row = job_row(job.id);
  EXPECT_EQ(row[0].as<std::string>(), "pending");
  EXPECT_EQ(row[1].as<int>(), 1);
  EXPECT_THAT(row[3].as<std::string>(), StartsWith("yahoo: transient: "));
  EXPECT_NEAR(row[5].as<double>(), kRetryBaseMinutes * 60.0, 10.0);
  EXPECT_TRUE(finished.empty()) << "a job to be retried has not finished";
}

TEST_F(BackfillJobRunnerTest, ARateLimitedAnswerSpendsAnAttemptAndWaitsForTheSourcesRetryAfter) {
  sandbox.add_fault(R"({"route":"yahoo.chart","kind":"429","retry_after":"120","count":1})");
  ClaimedJob job = claim_job("MSFT", AssetClass::stock, today() - days(30), today() - days(20));

  EXPECT_EQ(run(job), JobOutcome::retry_later);

  const auto row = job_row(job.id);
  EXPECT_EQ(row[0].as<std::string>(), "rate_limited");
  EXPECT_EQ(row[1].as<int>(), 1);
  EXPECT_THAT(row[3].as<std::string>(), StartsWith("yahoo: rate_limited: "));
  EXPECT_NEAR(row[5].as<double>(), 120.0, 10.0) << "the source's Retry-After, not the backoff";
}

TEST_F(BackfillJobRunnerTest, ARangeTheSourceCannotServeIsRecordedAsAGapOfTheJob) {
  // Yahoo serves minute bars of the last 30 days only: the plugin says so without asking.
  const sys_days from = today() - days(60);
  const sys_days to = today() - days(50);
  ClaimedJob job = claim_job("AAPL", AssetClass::stock, from, to, Resolution::minute);

  EXPECT_EQ(run(job), JobOutcome::completed);

  const auto gaps = query(
      "SELECT resolution, start_date::text, end_date::text, reason, status, backfill_job_id FROM price_gaps");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0][0].as<std::string>(), "1m");
  EXPECT_EQ(gaps[0][1].as<std::string>(), format_iso_date(from));
  EXPECT_EQ(gaps[0][2].as<std::string>(), format_iso_date(to));
  EXPECT_THAT(gaps[0][3].as<std::string>(),
              StartsWith("yahoo: Yahoo serves 1m bars only for the last 30 days"));
  EXPECT_EQ(gaps[0][4].as<std::string>(), "open");
  EXPECT_EQ(gaps[0][5].as<std::int64_t>(), job.id);
  EXPECT_EQ(job_row(job.id)[0].as<std::string>(), "completed");
}

// A source cannot make a job hold unbounded lists: past the caps, ranges and actions are counted and
// dropped, and the bars keep coming.
TEST_F(BackfillJobRunnerTest, UnavailableRangesAndActionsPastTheirCapsAreCountedAndDropped) {
  ClaimedJob job = claim_job("AAPL", AssetClass::stock, sys_days{2024y / 1 / 1}, sys_days{2024y / 1 / 31});
  auto connection = pool.acquire();
  PriceWriter writer(*connection, PriceSeries{job.asset_id, job.resolution, "yahoo"});
  JobPriceSink sink(writer, queue, job, kLease);
  for (std::size_t i = 0; i < kMaxUnavailableRangesPerCall + 500; ++i)
    EXPECT_TRUE(sink.on_unavailable(0, 1, "not listed yet"));
  for (std::size_t i = 0; i < kMaxActionsPerCall + 2000; ++i)
    EXPECT_TRUE(sink.on_action(Action{Action::Kind::dividend, 0, 0.1, kAbsent, kAbsent}));
  EXPECT_EQ(sink.unavailable().size(), kMaxUnavailableRangesPerCall);
  EXPECT_EQ(sink.unavailable_dropped(), 500u);
  EXPECT_EQ(sink.actions().size(), kMaxActionsPerCall);
  EXPECT_EQ(sink.actions_dropped(), 2000u);
  writer.finish();
}

TEST_F(BackfillJobRunnerTest, AJobWhoseLeaseWasLostRecordsNoOutcome) {
  ClaimedJob job = claim_job("AAPL", AssetClass::stock, today() - days(30), today() - days(20));
  {
    pqxx::work tx(*sql);
    tx.exec_params("UPDATE backfill_queue SET locked_by = 'another-worker' WHERE id = $1", job.id);
    tx.commit();
  }

  EXPECT_EQ(run(job), JobOutcome::lease_lost);

  const auto row = query("SELECT status, locked_by FROM backfill_queue")[0];
  EXPECT_EQ(row[0].as<std::string>(), "in_progress");
  EXPECT_EQ(row[1].as<std::string>(), "another-worker");
  EXPECT_TRUE(finished.empty());
}

}  // namespace
}  // namespace pricefeed::host
