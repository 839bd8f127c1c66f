// A recorded gap's life: queued to the routing chain's next source after the one that gave the
// history around it, filled (its rows marked as a fallback's) or unfillable with every source's
// reason, and then never queued again by itself. Jobs "finish" by editing backfill_queue, as a
// worker's outcome would; nothing in between ever writes a price the sources did not give.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "host/quality/GapFillScheduler.hpp"
#include "host/quality/GapSweep.hpp"
#include "tests/host/quality/StoredHistory.hpp"

namespace pricefeed::host::quality_test {
namespace {

using calendar_test::utc_time;
using ::testing::HasSubstr;

class GapFillSchedulerTest : public StoredHistoryTest {
 protected:
  GapFillScheduler scheduler{finder, routing, 5};
  const sys_seconds now = utc_time(2026y / 4 / 1, 12, 0);  // 31 March is the last settled day

  // BTC from binance through March 2026 without 15 March, recorded as a gap.
  std::int64_t btc_with_a_gap() {
    const auto btc = insert_asset("BTC", "crypto");
    store(btc, day("2026-03-01"), day("2026-03-31"), "binance",
          [](sys_days d) { return d != day("2026-03-15"); });
    EXPECT_EQ(finder.record_all_gaps(*sql, btc, now).size(), 1u);
    return btc;
  }

  void finish_job(std::int64_t job_id, const std::string& status, const std::string& source,
                  const std::string& error = "") {
    pqxx::work tx(*sql);
    tx.exec_params(
        "UPDATE backfill_queue SET status = $2, source = $3, error_message = NULLIF($4, ''), "
        "completed_at = CASE WHEN $2 = 'completed' THEN now() END WHERE id = $1",
        job_id, status, source, error);
    tx.commit();
  }

  nlohmann::json exhausted_sources(std::int64_t job_id) {
    pqxx::read_transaction tx(*sql);
    return nlohmann::json::parse(
        tx.exec_params("SELECT exhausted_sources::text FROM backfill_queue WHERE id = $1", job_id)[0][0]
            .c_str());
  }

  std::int64_t jobs() { return count("SELECT count(*) FROM backfill_queue"); }
};

TEST_F(GapFillSchedulerTest, AGapIsQueuedToTheSourceAfterTheOneThatGaveTheHistoryAroundIt) {
  const auto btc = btc_with_a_gap();

  const auto tally = scheduler.schedule_open_gaps(*sql);

  EXPECT_EQ(tally.queued, 1);
  const auto gap = gaps(btc).at(0);
  EXPECT_EQ(gap.status, "queued");
  ASSERT_TRUE(gap.job_id.has_value());
  pqxx::read_transaction tx(*sql);
  const auto job = tx.exec_params(
      "SELECT asset_id, start_date::text, end_date::text, status FROM backfill_queue "
      "WHERE id = $1",
      *gap.job_id)[0];
  EXPECT_EQ(job[0].as<std::int64_t>(), btc);
  EXPECT_STREQ(job[1].c_str(), "2026-03-15");
  EXPECT_STREQ(job[2].c_str(), "2026-03-15");
  EXPECT_STREQ(job[3].c_str(), "pending");
  tx.commit();
  const auto skipped = exhausted_sources(*gap.job_id);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].at("source"), "binance");  // so the job asks coingecko
}

TEST_F(GapFillSchedulerTest, AFilledGapsRowsSayWhichGapTheyFilled) {
  const auto btc = btc_with_a_gap();
  scheduler.schedule_open_gaps(*sql);
  const auto job = *gaps(btc).at(0).job_id;
  store(btc, day("2026-03-15"), day("2026-03-15"), "coingecko", [](sys_days) { return true; });
  finish_job(job, "completed", "coingecko");

  const auto tally = scheduler.recheck_after_job(*sql, job);

  EXPECT_EQ(tally.filled, 1);
  const auto gap = gaps(btc).at(0);
  EXPECT_EQ(gap.status, "filled");
  EXPECT_THAT(gap.reason, HasSubstr("filled from coingecko by job " + std::to_string(job)));
  EXPECT_EQ(count("SELECT count(*) FROM asset_prices WHERE filled_gap_id = " + std::to_string(gap.id) +
                  " AND source = 'coingecko' AND ts = '2026-03-15T00:00:00Z'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM asset_prices WHERE filled_gap_id IS NOT NULL"), 1);
}

TEST_F(GapFillSchedulerTest, AGapNoSourceHasIsUnfillableWithEveryReasonAndNeverQueuedAgain) {
  const auto btc = btc_with_a_gap();
  scheduler.schedule_open_gaps(*sql);
  const auto job = *gaps(btc).at(0).job_id;
  finish_job(job, "completed", "coingecko");  // answered, but without 15 March

  EXPECT_EQ(scheduler.recheck_after_job(*sql, job).unfillable, 1);

  auto gap = gaps(btc).at(0);
  EXPECT_EQ(gap.status, "unfillable");
  EXPECT_THAT(gap.reason, HasSubstr("binance: gave the surrounding history without these days"));
  EXPECT_THAT(gap.reason, HasSubstr("coingecko: completed without 1 of the days"));
  // Nothing stands in for the missing day: no forward fill.
  EXPECT_EQ(count("SELECT count(*) FROM asset_prices WHERE ts = '2026-03-15T00:00:00Z'"), 0);

  // The next day's sweeps find the day missing again, and leave it be.
  const GapSweep sweep(finder, scheduler);
  for (int i = 0; i < 2; ++i) {
    const GapSweepReport report = sweep.run(*sql, now, std::atomic<bool>(false));
    EXPECT_EQ(report.assets, 1);
    EXPECT_EQ(report.gaps_found, 0);
    EXPECT_EQ(report.scheduling.queued, 0);
  }
  EXPECT_EQ(jobs(), 1);
  ASSERT_EQ(gaps(btc).size(), 1u);
  EXPECT_EQ(gaps(btc).at(0).status, "unfillable");
}

TEST_F(GapFillSchedulerTest, AFailedFillJobLeavesTheGapUnfillableWithItsError) {
  const auto btc = btc_with_a_gap();
  scheduler.schedule_open_gaps(*sql);
  const auto job = *gaps(btc).at(0).job_id;
  finish_job(job, "failed", "coingecko",
             "no source could serve BTC (crypto): coingecko: not_found: no such day");

  EXPECT_EQ(scheduler.recheck_after_job(*sql, job).unfillable, 1);

  const auto gap = gaps(btc).at(0);
  EXPECT_EQ(gap.status, "unfillable");
  EXPECT_THAT(gap.reason,
              HasSubstr("fill job " + std::to_string(job) + " failed: no source could serve BTC"));
  EXPECT_EQ(count("SELECT count(*) FROM asset_prices WHERE ts = '2026-03-15T00:00:00Z'"), 0);
  EXPECT_EQ(scheduler.schedule_open_gaps(*sql).queued, 0);
  EXPECT_EQ(jobs(), 1);
}

TEST_F(GapFillSchedulerTest, AStockWithOneRoutedSourceIsUnfillableAtOnce) {
  const auto aapl = insert_asset("AAPL", "stock", "NMS");
  store_trading_days(aapl, "stock", "NMS", day("2026-03-02"), day("2026-03-31"), "yahoo",
                     {day("2026-03-18")});
  finder.record_all_gaps(*sql, aapl, now);

  const auto tally = scheduler.schedule_open_gaps(*sql);

  EXPECT_EQ(tally.unfillable, 1);
  EXPECT_EQ(jobs(), 0);
  const auto gap = gaps(aapl).at(0);
  EXPECT_EQ(gap.status, "unfillable");
  EXPECT_EQ(gap.reason, "no source could fill it: yahoo: gave the surrounding history without these days");
}

TEST_F(GapFillSchedulerTest, APartlyFilledGapMovesOnToTheNextSourceOnly) {
  routing.sources_by_asset_class[AssetClass::crypto] = {"binance", "coingecko", "yahoo"};
  const auto btc = insert_asset("BTC", "crypto");
  store(btc, day("2026-03-01"), day("2026-03-31"), "binance",
        [](sys_days d) { return d < day("2026-03-14") || d > day("2026-03-16"); });
  finder.record_all_gaps(*sql, btc, now);
  scheduler.schedule_open_gaps(*sql);
  const auto first_job = *gaps(btc).at(0).job_id;
  store(btc, day("2026-03-14"), day("2026-03-14"), "coingecko", [](sys_days) { return true; });
  finish_job(first_job, "completed", "coingecko");

  EXPECT_EQ(scheduler.recheck_after_job(*sql, first_job).queued, 1);

  const auto gap = gaps(btc).at(0);
  EXPECT_EQ(gap.status, "queued");
  ASSERT_NE(*gap.job_id, first_job);
  const auto skipped = exhausted_sources(*gap.job_id);
  ASSERT_EQ(skipped.size(), 2u);
  EXPECT_EQ(skipped[0].at("source"), "binance");
  EXPECT_EQ(skipped[1].at("source"), "coingecko");
  EXPECT_THAT(skipped[1].at("reason").get<std::string>(), HasSubstr("completed without 2 of the days"));

  // yahoo, the last source, has nothing either: the walk ends there.
  finish_job(*gap.job_id, "completed", "yahoo");
  EXPECT_EQ(scheduler.recheck_after_job(*sql, *gap.job_id).unfillable, 1);
  EXPECT_THAT(gaps(btc).at(0).reason, HasSubstr("yahoo: completed without 2 of the days"));
  EXPECT_EQ(jobs(), 2);
}

TEST_F(GapFillSchedulerTest, AJobStillRunningLeavesItsGapQueued) {
  const auto btc = btc_with_a_gap();
  scheduler.schedule_open_gaps(*sql);
  const auto job = *gaps(btc).at(0).job_id;

  const auto tally = scheduler.recheck_after_job(*sql, job);

  EXPECT_EQ(tally.filled + tally.queued + tally.unfillable, 0);
  EXPECT_EQ(gaps(btc).at(0).status, "queued");
}

TEST_F(GapFillSchedulerTest, TheSweepChecksGapsWhoseJobFinishedUnwatched) {
  const auto btc = btc_with_a_gap();
  scheduler.schedule_open_gaps(*sql);
  const auto job = *gaps(btc).at(0).job_id;
  store(btc, day("2026-03-15"), day("2026-03-15"), "coingecko", [](sys_days) { return true; });
  finish_job(job, "completed", "coingecko");

  const GapSweepReport report = GapSweep(finder, scheduler).run(*sql, now, std::atomic<bool>(false));

  EXPECT_EQ(report.scheduling.filled, 1);
  EXPECT_EQ(gaps(btc).at(0).status, "filled");
}

TEST_F(GapFillSchedulerTest, AGapASourceReportedNamesThatSourceAsTried) {
  const auto btc = insert_asset("BTC", "crypto");
  store(btc, day("2026-03-01"), day("2026-03-31"), "binance", [](sys_days) { return true; });
  exec("INSERT INTO price_gaps (asset_id, resolution, start_date, end_date, reason) VALUES (" +
       std::to_string(btc) + ", '1d', '2026-02-01', '2026-02-28', 'binance: before the first listed day')");

  scheduler.schedule_open_gaps(*sql);

  const auto skipped = exhausted_sources(*gaps(btc).at(0).job_id);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].at("source"), "binance");
}

}  // namespace
}  // namespace pricefeed::host::quality_test
