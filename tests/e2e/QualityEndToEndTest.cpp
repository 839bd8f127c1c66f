// The checks of stored history end to end: the real pricefeed binary and plugins against the
// sandbox's data scenarios and a real PostgreSQL. A week Binance leaves out is found after the
// backfill and filled from CoinGecko, its rows marked as the fallback's; a week no source has ends
// unfillable with every source's reason and is not tried again; a split Yahoo reports after history
// was stored makes the history re-fetched once, so the stored closes are the adjusted ones; eight
// years of a NYSE stock show no gap on any exchange holiday, only the day the source left out.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include <pqxx/pqxx>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;

class QualityEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string sandbox = sandbox_.base_url();
    config_ = dir_.write_file(
        "pricefeed.toml", database_and_plugins_toml(db_) + "[daemon]\nexchanges_file = \"" +
                              std::string(PRICEFEED_EXCHANGES_FILE) + "\"\n" + source_toml("yahoo", sandbox) +
                              "symbol_directory_url = \"" + sandbox + "/dynamic/SymDir\"\n" +
                              source_toml("binance", sandbox, 6000, 100) +
                              source_toml("coingecko", sandbox + "/api/v3") + R"([routing]
stock = ["yahoo"]
crypto = ["binance", "coingecko"]
)");
  }

  CommandResult pricefeed(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_.string(), "--log-format", "text"});
    return run_pricefeed(args);
  }

  void backfill(const std::string& symbol, const std::string& asset_class, const std::string& from,
                const std::string& to) {
    auto r = pricefeed({"backfill", symbol, "--class", asset_class, "--from", from, "--to", to});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  void drain_queue() {
    auto worker = pricefeed({"worker", "--once"});
    ASSERT_EQ(worker.exit_code, 0) << worker.err;
  }

  void scenario(const std::string& json) {
    auto answer = sandbox_.post("/__sandbox/scenarios", json);
    ASSERT_EQ(answer.status, 201) << answer.body;
  }

  struct Row {
    double close = 0;
    std::string source;
    bool filled_gap = false;
  };
  std::map<std::string, Row> stored(const std::string& symbol) {
    std::map<std::string, Row> rows;
    for (const auto& row :
         query("SELECT to_char((ts AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD'), close, p.source, "
               "p.filled_gap_id IS NOT NULL FROM asset_prices p JOIN assets a ON a.id = p.asset_id "
               "WHERE a.symbol = '" +
               symbol + "' AND p.resolution = '1d'")) {
      rows[row[0].as<std::string>()] = {row[1].as<double>(), row[2].as<std::string>(), row[3].as<bool>()};
    }
    return rows;
  }

  pqxx::result query(const std::string& sql) { return test::query(db_, sql); }

  TestDatabase db_;
  sandbox::SandboxProcess sandbox_;
  TemporaryDirectory dir_;
  std::filesystem::path config_;
};

TEST_F(QualityEndToEnd, AWeekBinanceLacksIsFilledFromCoinGeckoAndMarkedAsTheFallbacks) {
  const std::string from = iso_days_ago(40), to = iso_days_ago(3);
  const std::string gap_from = iso_days_ago(20), gap_to = iso_days_ago(14);
  scenario(R"({"kind":"missing","symbol":"BTC","route":"binance","from":")" + gap_from + R"(","to":")" +
           gap_to + R"("})");
  backfill("BTC", "crypto", from, to);
  drain_queue();

  auto gaps = query("SELECT start_date::text, end_date::text, status, reason, id FROM price_gaps");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0][0].as<std::string>(), gap_from);
  EXPECT_EQ(gaps[0][1].as<std::string>(), gap_to);
  EXPECT_EQ(gaps[0][2].as<std::string>(), "filled");
  EXPECT_THAT(gaps[0][3].as<std::string>(), HasSubstr("filled from coingecko"));
  auto fill = query(
      "SELECT q.status, q.source, q.start_date::text, q.end_date::text FROM backfill_queue q "
      "JOIN price_gaps g ON g.backfill_job_id = q.id");
  ASSERT_EQ(fill.size(), 1u);
  EXPECT_EQ(fill[0][0].as<std::string>(), "completed");
  EXPECT_EQ(fill[0][1].as<std::string>(), "coingecko");

  const auto rows = stored("BTC");
  const auto binance_truth = truth_closes(sandbox_, "BTC-USDT", from, to);
  const auto coingecko_truth = truth_closes(sandbox_, "BTC-USD", gap_from, gap_to);
  ASSERT_EQ(coingecko_truth.size(), 7u);
  for (const auto& [date, close] : coingecko_truth) {
    const auto it = rows.find(date);
    ASSERT_NE(it, rows.end()) << date << " was not filled";
    EXPECT_EQ(it->second.source, "coingecko") << date;
    EXPECT_TRUE(it->second.filled_gap) << date;
    EXPECT_NEAR(it->second.close, close, std::abs(close) * 1e-6) << date;
  }
  for (const auto& [date, row] : rows) {
    if (coingecko_truth.contains(date)) continue;
    EXPECT_EQ(row.source, "binance") << date;
    EXPECT_FALSE(row.filled_gap) << date;
    ASSERT_TRUE(binance_truth.contains(date)) << date;
    EXPECT_NEAR(row.close, binance_truth.at(date), std::abs(row.close) * 1e-6) << date;
  }
  EXPECT_EQ(rows.size(), binance_truth.size());
}

TEST_F(QualityEndToEnd, AWeekNoSourceHasIsUnfillableWithEveryReasonAndNotTriedAgain) {
  const std::string from = iso_days_ago(40), to = iso_days_ago(3);
  const std::string gap_from = iso_days_ago(20), gap_to = iso_days_ago(14);
  scenario(R"({"kind":"missing","symbol":"BTC","from":")" + gap_from + R"(","to":")" + gap_to + R"("})");
  backfill("BTC", "crypto", from, to);
  drain_queue();

  auto gaps = query("SELECT start_date::text, end_date::text, status, reason FROM price_gaps");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0][0].as<std::string>(), gap_from);
  EXPECT_EQ(gaps[0][1].as<std::string>(), gap_to);
  EXPECT_EQ(gaps[0][2].as<std::string>(), "unfillable");
  EXPECT_THAT(gaps[0][3].as<std::string>(),
              HasSubstr("binance: gave the surrounding history without these days"));
  EXPECT_THAT(gaps[0][3].as<std::string>(), HasSubstr("coingecko: completed without 7 of the days"));
  EXPECT_EQ(query("SELECT count(*) FROM backfill_queue")[0][0].as<int>(), 2);  // the backfill, one fill
  // No stand-in prices for the missing week.
  EXPECT_EQ(query("SELECT count(*) FROM asset_prices WHERE ts >= '" + gap_from + "' AND ts < '" + gap_to +
                  "'::date + 1")[0][0]
                .as<int>(),
            0);

  // The same range backfilled again finds the week missing again, and queues no fill for it.
  backfill("BTC", "crypto", from, to);
  drain_queue();
  EXPECT_EQ(query("SELECT count(*) FROM backfill_queue")[0][0].as<int>(), 3);
  EXPECT_EQ(query("SELECT count(*) FROM price_gaps")[0][0].as<int>(), 1);
  EXPECT_EQ(query("SELECT status FROM price_gaps")[0][0].as<std::string>(), "unfillable");
}

TEST_F(QualityEndToEnd, ASplitSeenAfterHistoryWasStoredReFetchesItOnceAsAdjusted) {
  const std::string from = iso_days_ago(60), before_split = iso_days_ago(13);
  const std::string split_date = iso_days_ago(10), to = iso_days_ago(3);
  scenario(R"({"kind":"split","symbol":"AAPL","date":")" + split_date +
           R"(","numerator":4,"denominator":1})");
  // History stored while the split was still ahead: the sandbox's market is frozen before it.
  ASSERT_EQ(sandbox_.post("/__sandbox/clock", R"({"now":")" + iso_days_ago(12) + R"(T12:00:00Z"})").status,
            200);
  backfill("AAPL", "stock", from, before_split);
  drain_queue();
  ASSERT_GT(stored("AAPL").size(), 20u);
  EXPECT_EQ(query("SELECT count(*) FROM asset_splits")[0][0].as<int>(), 0);

  // The market moves past the split; the next job over the asset reports it.
  ASSERT_EQ(sandbox_.post("/__sandbox/clock", R"({"now":null})").status, 200);
  backfill("AAPL", "stock", iso_days_ago(12), to);
  drain_queue();

  auto splits =
      query("SELECT split_date::text, numerator, denominator, source, refetch_job_id FROM asset_splits");
  ASSERT_EQ(splits.size(), 1u);
  EXPECT_EQ(splits[0][0].as<std::string>(), split_date);
  EXPECT_EQ(splits[0][1].as<double>(), 4);
  EXPECT_EQ(splits[0][3].as<std::string>(), "yahoo");
  ASSERT_FALSE(splits[0][4].is_null());
  auto refetch = query("SELECT status, start_date::text, end_date::text FROM backfill_queue WHERE id = " +
                       splits[0][4].as<std::string>());
  EXPECT_EQ(refetch[0][0].as<std::string>(), "completed");
  // The whole stored range, from the first bar to the last.
  auto range = query(
      "SELECT min(ts AT TIME ZONE 'UTC')::date::text, max(ts AT TIME ZONE 'UTC')::date::text "
      "FROM asset_prices");
  EXPECT_EQ(refetch[0][1].as<std::string>(), range[0][0].as<std::string>());
  EXPECT_EQ(refetch[0][2].as<std::string>(), range[0][1].as<std::string>());
  EXPECT_EQ(query("SELECT count(*) FROM backfill_queue")[0][0].as<int>(), 3);  // two backfills, one re-fetch

  const auto truth = truth_closes(sandbox_, "AAPL", from, to);
  const auto rows = stored("AAPL");
  ASSERT_EQ(rows.size(), truth.size());
  for (const auto& [date, close] : truth) {
    ASSERT_TRUE(rows.contains(date)) << date;
    EXPECT_NEAR(rows.at(date).close, close, std::abs(close) * 1e-6) << date;
  }
}

// The NYSE's full-day closures of 2015-2022 (holidays, observed days and the 2018-12-05 day of
// mourning), written out here rather than taken from the calendar under test.
const std::set<std::string> kNyseClosures2015To2022 = {
    "2015-01-01", "2015-01-19", "2015-02-16", "2015-04-03", "2015-05-25", "2015-07-03", "2015-09-07",
    "2015-11-26", "2015-12-25", "2016-01-01", "2016-01-18", "2016-02-15", "2016-03-25", "2016-05-30",
    "2016-07-04", "2016-09-05", "2016-11-24", "2016-12-26", "2017-01-02", "2017-01-16", "2017-02-20",
    "2017-04-14", "2017-05-29", "2017-07-04", "2017-09-04", "2017-11-23", "2017-12-25", "2018-01-01",
    "2018-01-15", "2018-02-19", "2018-03-30", "2018-05-28", "2018-07-04", "2018-09-03", "2018-11-22",
    "2018-12-05", "2018-12-25", "2019-01-01", "2019-01-21", "2019-02-18", "2019-04-19", "2019-05-27",
    "2019-07-04", "2019-09-02", "2019-11-28", "2019-12-25", "2020-01-01", "2020-01-20", "2020-02-17",
    "2020-04-10", "2020-05-25", "2020-07-03", "2020-09-07", "2020-11-26", "2020-12-25", "2021-01-01",
    "2021-01-18", "2021-02-15", "2021-04-02", "2021-05-31", "2021-07-05", "2021-09-06", "2021-11-25",
    "2021-12-24", "2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20", "2022-07-04",
    "2022-09-05", "2022-11-24", "2022-12-26"};

// Issue 15: eight years of a NYSE stock's history, every one of its 73 closures a day the sandbox
// has no bar for, as the exchange had none. The gap check knows them all from the calendar's rules
// and reports only the Tuesday the sandbox leaves out on purpose.
TEST_F(QualityEndToEnd, EightYearsOfANyseStockHaveNoGapOnAnyHolidayOnlyOnTheDayTheSourceLeftOut) {
  const std::string from = "2015-01-01", to = "2022-12-31", left_out = "2018-06-12";
  scenario(R"({"kind":"missing","symbol":"IBM","from":")" + left_out + R"(","to":")" + left_out + R"("})");
  backfill("IBM", "stock", from, to);
  drain_queue();

  auto gaps = query(
      "SELECT g.start_date::text, g.end_date::text, g.status FROM price_gaps g JOIN assets a ON "
      "a.id = g.asset_id WHERE a.symbol = 'IBM' ORDER BY g.start_date");
  for (const auto& gap : gaps) {
    for (const auto& closure : kNyseClosures2015To2022) {
      EXPECT_FALSE(gap[0].as<std::string>() <= closure && closure <= gap[1].as<std::string>())
          << "a gap " << gap[0].as<std::string>() << ".." << gap[1].as<std::string>() << " over the closure "
          << closure;
    }
  }
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0][0].as<std::string>(), left_out);
  EXPECT_EQ(gaps[0][1].as<std::string>(), left_out);
  EXPECT_EQ(query("SELECT count(*) FROM price_gaps")[0][0].as<int>(), 1);

  // What was stored is the sandbox's series: every NYSE trading day but the one left out.
  const auto rows = stored("IBM");
  EXPECT_FALSE(rows.contains(left_out));
  for (const auto& closure : kNyseClosures2015To2022)
    EXPECT_FALSE(rows.contains(closure)) << closure;
  const auto truth = truth_closes(sandbox_, "IBM", from, to);
  EXPECT_FALSE(truth.contains(left_out));
  EXPECT_EQ(rows.size(), truth.size());
  // 2015-2022 has 2,087 weekdays, 73 of them closures, and the one left out.
  EXPECT_EQ(rows.size(), 2087u - 73u - 1u);
}

}  // namespace
}  // namespace pricefeed::test
