// Mode 2 end to end: `pricefeed daemon --once --at T` with the real plugins against the sandbox,
// whose clock is frozen at the same T, on a real PostgreSQL. Holdings are written as the orchestrator
// writes them. The sandbox's request counters show which markets were asked.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;

// Tuesday 2026-11-24 15:00 UTC: New York (10:00) and London (15:00) are open.
constexpr const char* kMarketsOpen = "2026-11-24T15:00:00Z";
// Thanksgiving 2026-11-26 15:00 UTC: NYSE and Nasdaq closed all day.
constexpr const char* kThanksgiving = "2026-11-26T15:00:00Z";

class DaemonEndToEnd : public ::testing::Test {
 protected:
  void start(const std::string& at) {
    sandbox_ = std::make_unique<sandbox::SandboxProcess>(std::vector<std::string>{"--now", at});
    const std::string url = sandbox_->base_url();
    config_ = dir_.write_file("pricefeed.toml",
                              database_and_plugins_toml(db_) + "[daemon]\nexchanges_file = \"" +
                                  PRICEFEED_EXCHANGES_FILE + "\"\n[portfolio]\nbase_currency = \"USD\"\n" +
                                  source_toml("yahoo", url) + source_toml("binance", url) +
                                  source_toml("coingecko", url + "/api/v3") +
                                  source_toml("forex", url + "/v1", 600) + source_toml("commodities", url));
  }

  CommandResult tick(const std::string& at) {
    return run_pricefeed(
        {"--config", config_.string(), "--log-format", "text", "daemon", "--once", "--at", at});
  }

  std::int64_t requests(const std::string& route) {
    const auto stats = nlohmann::json::parse(sandbox_->stats());
    const auto& routes = stats.at("routes");
    return routes.contains(route) ? routes.at(route).at("requests").get<std::int64_t>() : 0;
  }

  pqxx::result query(const std::string& sql) { return test::query(db_, sql); }

  TestDatabase db_;
  std::unique_ptr<sandbox::SandboxProcess> sandbox_;
  TemporaryDirectory dir_;
  std::filesystem::path config_;
};

TEST_F(DaemonEndToEnd, OnThanksgivingNoStockIsAskedForWhileCryptoIs) {
  start(kThanksgiving);
  const auto apple = hold_asset(db_, "u-1", "AAPL", "stock", "NMS", "10", "1500", "USD");
  hold_asset(db_, "u-1", "BTC", "crypto", "", "0.5", "20000", "USD");
  // AAPL's price was taken well after Wednesday's close: nothing is left to fetch until Friday.
  {
    auto c = db_.connect();
    pqxx::work tx(*c);
    tx.exec_params(
        "INSERT INTO latest_prices (asset_id, price, currency, ts, source, updated_at) VALUES ($1, 190, "
        "'USD', '2026-11-25T21:00:00Z', 'yahoo', '2026-11-25T22:00:00Z')",
        apple);
    tx.commit();
  }

  auto r = tick(kThanksgiving);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 waiting for their market to open"));
  EXPECT_EQ(requests("yahoo.quote"), 0);
  EXPECT_GE(requests("binance.ticker_price") + requests("binance.ticker_24hr"), 1);
  auto btc = query(
      "SELECT p.source, p.price > 0 FROM latest_prices p JOIN assets a ON a.id = p.asset_id "
      "WHERE a.symbol = 'BTC'");
  ASSERT_EQ(btc.size(), 1u);
  EXPECT_EQ(btc[0][0].as<std::string>(), "binance");
  EXPECT_DOUBLE_EQ(
      query("SELECT price FROM latest_prices WHERE asset_id = " + std::to_string(apple))[0][0].as<double>(),
      190);
}

// Independence Day 2031 (Friday 2031-07-04) at 15:00 in New York, and the next Tuesday at the same
// hour: years past those any dated holiday list ever covered, so only the NYSE's rules know the first
// is a holiday.
constexpr const char* kIndependenceDay2031 = "2031-07-04T19:00:00Z";
constexpr const char* kTradingDay2031 = "2031-07-08T19:00:00Z";

class DaemonIn2031 : public DaemonEndToEnd, public ::testing::WithParamInterface<bool> {};

// IBM (NYSE) and BTC held; IBM's last price was taken after the early close of Thursday 2031-07-03.
// On the holiday nothing is left to fetch for IBM until Monday, so no quote is asked for; on a
// regular Tuesday it is quoted. BTC is quoted on both.
TEST_P(DaemonIn2031, ANyseStockIsQuotedOnlyOnTradingDaysWhileCryptoAlwaysIs) {
  const bool holiday = GetParam();
  const std::string at = holiday ? kIndependenceDay2031 : kTradingDay2031;
  start(at);
  const auto ibm = hold_asset(db_, "u-1", "IBM", "stock", "NYQ", "10", "1500", "USD");
  hold_asset(db_, "u-1", "BTC", "crypto", "", "0.5", "20000", "USD");
  {
    auto c = db_.connect();
    pqxx::work tx(*c);
    tx.exec_params(
        "INSERT INTO latest_prices (asset_id, price, currency, ts, source, updated_at) VALUES ($1, 190, "
        "'USD', '2031-07-03T17:00:00Z', 'yahoo', '2031-07-03T18:00:00Z')",
        ibm);
    tx.commit();
  }

  auto r = tick(at);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_GE(requests("binance.ticker_price") + requests("binance.ticker_24hr"), 1) << r.out;
  EXPECT_EQ(query("SELECT count(*) FROM latest_prices p JOIN assets a ON a.id = p.asset_id WHERE a.symbol = "
                  "'BTC' AND p.source = 'binance'")[0][0]
                .as<int>(),
            1)
      << r.out;
  if (holiday) {
    EXPECT_THAT(r.out, HasSubstr("1 due, 1 waiting for their market to open"));
    EXPECT_EQ(requests("yahoo.quote"), 0) << r.out;
    const auto ibm_ts =
        query("SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM latest_prices WHERE asset_id = " +
              std::to_string(ibm));
    ASSERT_EQ(ibm_ts.size(), 1u);
    EXPECT_EQ(ibm_ts[0][0].as<std::string>(), "2031-07-03");
  } else {
    // IBM is asked for and quoted. (Its quote is then refused as "in the future": the writer judges
    // that against the real clock, and 2031 is still ahead of it.)
    EXPECT_THAT(r.out, HasSubstr("2 due, 0 waiting for their market to open"));
    EXPECT_EQ(requests("yahoo.quote"), 1) << r.out;
    EXPECT_THAT(r.out, ::testing::ContainsRegex("yahoo +1 +1 +0"));
  }
}

INSTANTIATE_TEST_SUITE_P(IndependenceDayAndATuesday, DaemonIn2031, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "OnIndependenceDay" : "OnATradingDay"; });

TEST_F(DaemonEndToEnd, WhileMarketsAreOpenStocksAreQuotedInOneBatchAndPortfoliosValuedAcrossCurrencies) {
  start(kMarketsOpen);
  hold_asset(db_, "u-1", "AAPL", "stock", "NMS", "10", "1500", "USD");
  hold_asset(db_, "u-1", "OCDO.L", "stock", "LSE", "100", "25000", "GBp");  // London, priced in pence
  hold_asset(db_, "u-2", "MSFT", "stock", "NMS", "2", "700", "USD");

  auto r = tick(kMarketsOpen);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(requests("yahoo.quote"), 1) << r.out;  // three stocks, one batch
  auto prices = query(
      "SELECT a.symbol, p.price, p.currency, p.source FROM latest_prices p JOIN assets a ON "
      "a.id = p.asset_id ORDER BY a.symbol");
  std::map<std::string, std::pair<double, std::string>> latest;
  for (const auto& row : prices)
    latest[row[0].as<std::string>()] = {row[1].as<double>(), row[2].as<std::string>()};
  ASSERT_TRUE(latest.count("AAPL") && latest.count("MSFT") && latest.count("OCDO.L")) << r.out;
  EXPECT_EQ(latest["OCDO.L"].second, "GBp");
  // The pair the GBp holding needs was tracked and quoted by the forex source.
  ASSERT_TRUE(latest.count("GBPUSD")) << r.out;
  const double gbpusd = latest["GBPUSD"].first;
  EXPECT_GT(gbpusd, 0.5);
  EXPECT_LT(gbpusd, 3.0);

  // Today's bar is there too, keyed by the trading date.
  EXPECT_EQ(
      query("SELECT count(*) FROM asset_prices p JOIN assets a ON a.id = p.asset_id WHERE a.symbol = 'AAPL' "
            "AND p.ts = '2026-11-24T00:00:00Z'")[0][0]
          .as<int>(),
      1);

  auto portfolio = query(
      "SELECT base_currency, market_value::float8, cost_basis::float8 FROM "
      "portfolio_performance_cache WHERE user_id = 'u-1'");
  ASSERT_EQ(portfolio.size(), 1u) << r.out;
  EXPECT_EQ(portfolio[0][0].as<std::string>(), "USD");
  EXPECT_NEAR(portfolio[0][1].as<double>(),
              10 * latest["AAPL"].first + 100 * latest["OCDO.L"].first / 100 * gbpusd, 1e-4);
  EXPECT_NEAR(portfolio[0][2].as<double>(), 1500 + 250 * gbpusd, 1e-4);
  EXPECT_EQ(query("SELECT count(*) FROM portfolio_performance_cache")[0][0].as<int>(), 2);
}

TEST_F(DaemonEndToEnd, AFailingSourceFallsBackAndNeverStopsTheTick) {
  start(kMarketsOpen);
  hold_asset(db_, "u-1", "AAPL", "stock", "NMS", "1", "150", "USD");
  hold_asset(db_, "u-1", "ETH", "crypto", "", "1", "2000", "USD");
  sandbox_->add_fault(R"({"route":"binance","kind":"503","count":100})");
  auto r = tick(kMarketsOpen);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto eth =
      query("SELECT p.source FROM latest_prices p JOIN assets a ON a.id = p.asset_id WHERE a.symbol = 'ETH'");
  ASSERT_EQ(eth.size(), 1u) << r.out;
  EXPECT_EQ(eth[0][0].as<std::string>(), "coingecko");
  EXPECT_EQ(
      query("SELECT count(*) FROM latest_prices p JOIN assets a ON a.id = p.asset_id WHERE a.symbol = 'AAPL'")
          [0][0]
              .as<int>(),
      1);
}

}  // namespace
}  // namespace pricefeed::test
