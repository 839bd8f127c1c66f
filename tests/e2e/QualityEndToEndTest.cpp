// The checks of stored history end to end: the real pricefeed binary and plugins against the
// sandbox's data scenarios and a real PostgreSQL. A week Binance leaves out is found after the
// backfill and filled from CoinGecko, its rows marked as the fallback's; a week no source has ends
// unfillable with every source's reason and is not tried again; a split Yahoo reports after history
// was stored makes the history re-fetched once, so the stored closes are the adjusted ones.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>

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

}  // namespace
}  // namespace pricefeed::test
