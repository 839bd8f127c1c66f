// PortfolioValuation on a real PostgreSQL: market value and cost basis across currencies (a GBp
// holding among them), a portfolio that cannot be converted left alone, and the NOTIFY.
#include "host/daemon/PortfolioValuation.hpp"

#include <optional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

class PortfolioValuationTest : public ::testing::Test {
 protected:
  std::int64_t asset(const std::string& symbol, const std::string& asset_class, std::optional<double> price,
                     const std::string& currency) {
    pqxx::work tx(*connection_);
    const auto id =
        tx.exec_params1("INSERT INTO assets (symbol, asset_class, currency) VALUES ($1, $2, $3) RETURNING id",
                        symbol, asset_class, currency)[0]
            .as<std::int64_t>();
    if (price) {
      tx.exec_params(
          "INSERT INTO latest_prices (asset_id, price, currency, ts, source) VALUES ($1, $2, $3, now(), "
          "'test')",
          id, *price, currency);
    }
    tx.commit();
    return id;
  }
  void hold(const std::string& user, std::int64_t asset_id, const std::string& quantity,
            const std::string& cost, const std::string& cost_currency) {
    pqxx::work tx(*connection_);
    tx.exec_params(
        "INSERT INTO asset_holders (user_id, asset_id, quantity, first_buy_date) VALUES ($1, $2, "
        "$3::numeric, '2026-01-02')",
        user, asset_id, quantity);
    tx.exec_params(
        "INSERT INTO holding_costs (user_id, asset_id, currency, amount) VALUES ($1, $2, $3, $4::numeric)",
        user, asset_id, cost_currency, cost);
    tx.commit();
  }
  pqxx::result query(const std::string& sql) {
    pqxx::work tx(*connection_);
    return tx.exec(sql);
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
};

TEST_F(PortfolioValuationTest, ValuesAPortfolioAcrossCurrenciesInTheBaseCurrency) {
  asset("GBPUSD", "forex", 1.25, "USD");
  const auto apple = asset("AAPL", "stock", 200.0, "USD");
  const auto ocado = asset("OCDO.L", "stock", 250.0, "GBp");  // pence
  hold("u-1", apple, "10", "1500", "USD");
  hold("u-1", ocado, "100", "200", "GBP");

  const auto report = PortfolioValuation("USD").refresh(*connection_, {ocado});
  EXPECT_EQ(report.valued, 1u);
  EXPECT_TRUE(report.skipped.empty());
  auto row = query(
      "SELECT base_currency, market_value::float8, cost_basis::float8 FROM portfolio_performance_cache");
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0][0].as<std::string>(), "USD");
  EXPECT_NEAR(row[0][1].as<double>(), 10 * 200 + 100 * 2.50 * 1.25, 1e-6);
  EXPECT_NEAR(row[0][2].as<double>(), 1500 + 200 * 1.25, 1e-6);
}

TEST_F(PortfolioValuationTest, OnlyHoldersOfTheChangedAssetsAreValued) {
  const auto apple = asset("AAPL", "stock", 200.0, "USD");
  const auto msft = asset("MSFT", "stock", 400.0, "USD");
  hold("u-apple", apple, "1", "100", "USD");
  hold("u-msft", msft, "1", "100", "USD");
  EXPECT_EQ(PortfolioValuation("USD").refresh(*connection_, {apple}).valued, 1u);
  EXPECT_EQ(query("SELECT user_id FROM portfolio_performance_cache")[0][0].as<std::string>(), "u-apple");
}

TEST_F(PortfolioValuationTest, APortfolioThatCannotBeConvertedKeepsItsPreviousValue) {
  const auto toyota = asset("7203.T", "stock", 2500.0, "JPY");
  const auto apple = asset("AAPL", "stock", 200.0, "USD");
  hold("u-1", toyota, "10", "20000", "JPY");
  hold("u-1", apple, "1", "150", "USD");
  const auto report = PortfolioValuation("USD").refresh(*connection_, {toyota});
  EXPECT_EQ(report.valued, 0u);
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_EQ(report.skipped[0].user_id, "u-1");
  EXPECT_THAT(report.skipped[0].reason, HasSubstr("no JPY->USD rate for 7203.T (stock)"));
  EXPECT_EQ(query("SELECT count(*) FROM portfolio_performance_cache")[0][0].as<int>(), 0);
}

TEST_F(PortfolioValuationTest, AHoldingWithoutAPriceYetIsNamed) {
  const auto fresh = asset("NEWCO", "stock", std::nullopt, "USD");
  hold("u-1", fresh, "3", "30", "USD");
  const auto report = PortfolioValuation("USD").refresh(*connection_, {fresh});
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_THAT(report.skipped[0].reason, HasSubstr("no price yet for NEWCO (stock)"));
}

class PayloadCollector final : public pqxx::notification_receiver {
 public:
  using pqxx::notification_receiver::notification_receiver;
  void operator()(const std::string& payload, int) override { payloads.push_back(payload); }
  std::vector<std::string> payloads;
};

TEST_F(PortfolioValuationTest, NotifiesPricesUpdatedWithTheChangedIds) {
  const auto apple = asset("AAPL", "stock", 200.0, "USD");
  hold("u-1", apple, "1", "100", "USD");
  auto listener = db_.connect();
  PayloadCollector collector(*listener, "prices_updated");
  listener->get_notifs();  // LISTEN is sent

  const auto report = PortfolioValuation("USD").refresh(*connection_, {apple});
  EXPECT_EQ(report.notifications, 1u);
  for (int waited = 0; waited < 50 && collector.payloads.empty(); ++waited)
    listener->await_notification(0, 100'000);
  ASSERT_EQ(collector.payloads.size(), 1u);
  EXPECT_EQ(collector.payloads[0], R"({"asset_ids":[)" + std::to_string(apple) + "]}");
}

}  // namespace
}  // namespace pricefeed::host
