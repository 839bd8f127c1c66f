// `pricefeed assets` end to end: tracked assets with their holders, stored rows per resolution and
// the freshness of their latest price, from a private PostgreSQL filled by SQL.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class AssetsCommandTest : public ::testing::Test {
 protected:
  TestDatabase db;
  std::map<std::string, std::string> env{{"DATABASE_URL", db.url()}};

  void SetUp() override {
    auto conn = db.connect();
    {
      pqxx::work tx(*conn);
      tx.exec("SELECT pricefeed_ensure_price_partition(2024), pricefeed_ensure_price_partition(2025)");
      tx.commit();
    }
    pqxx::work tx(*conn);
    tx.exec(R"sql(
INSERT INTO assets (symbol, asset_class, name, currency, active) VALUES
  ('AAPL', 'stock', 'Apple Inc.', 'USD', true),
  ('BTC', 'crypto', 'Bitcoin', 'USD', true),
  ('GME', 'stock', 'GameStop', 'USD', true),
  ('OLD', 'stock', 'Delisted', 'USD', false),
  ('MSFT', 'stock', 'Microsoft', 'USD', true);
-- MSFT is in the catalog but nobody tracks it: never listed.
INSERT INTO tracked_assets (asset_id, tracking_users, last_price_update, history_from)
  SELECT id, CASE symbol WHEN 'AAPL' THEN 3 WHEN 'BTC' THEN 1 WHEN 'OLD' THEN 2 ELSE 0 END,
         CASE symbol WHEN 'AAPL' THEN now() - interval '5 minutes' END, '2024-12-30'
  FROM assets WHERE symbol <> 'MSFT';
INSERT INTO asset_prices (asset_id, resolution, ts, close, source)
  SELECT a.id, '1d', d, 100 + extract(day FROM d), 'yahoo'
  FROM assets a, generate_series('2024-12-30'::timestamptz, '2025-01-03'::timestamptz, interval '1 day') d
  WHERE a.symbol = 'AAPL';
INSERT INTO asset_prices (asset_id, resolution, ts, close, source)
  SELECT a.id, '1h', d, 50000, 'binance'
  FROM assets a, generate_series('2025-01-02 00:00Z'::timestamptz, '2025-01-02 23:00Z'::timestamptz, interval '1 hour') d
  WHERE a.symbol = 'BTC';
INSERT INTO asset_prices (asset_id, resolution, ts, close, source)
  SELECT a.id, '1d', '2025-01-02 00:00Z', 50000, 'coingecko' FROM assets a WHERE a.symbol = 'BTC';
INSERT INTO asset_prices (asset_id, resolution, ts, close, source)
  SELECT a.id, '1d', '2025-01-02 00:00Z', 10, 'yahoo' FROM assets a WHERE a.symbol = 'MSFT';
INSERT INTO latest_prices (asset_id, price, currency, ts, source, updated_at)
  SELECT id, 189.25, 'USD', now() - interval '2 hours', 'yahoo', now() - interval '5 minutes'
  FROM assets WHERE symbol = 'AAPL';
)sql");
    tx.commit();
  }
};

TEST_F(AssetsCommandTest, TableShowsHeldAssetsWithRowsPerResolutionAndFreshness) {
  auto r = run_pricefeed({"assets"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("SYMBOL"));
  EXPECT_THAT(r.out, HasSubstr("1d 5"));
  EXPECT_THAT(r.out, HasSubstr("2024-12-30"));
  EXPECT_THAT(r.out, HasSubstr("2025-01-03"));
  EXPECT_THAT(r.out, HasSubstr("189.25 USD"));
  EXPECT_THAT(r.out, HasSubstr("2h"));
  EXPECT_THAT(r.out, HasSubstr("5m ago"));
  EXPECT_THAT(r.out, HasSubstr("1d 1, 1h 24"));
  EXPECT_THAT(r.out, HasSubstr("never"));
  EXPECT_THAT(r.out, Not(HasSubstr("GME")));   // nobody holds it
  EXPECT_THAT(r.out, Not(HasSubstr("OLD")));   // inactive
  EXPECT_THAT(r.out, Not(HasSubstr("MSFT")));  // not tracked at all
  EXPECT_THAT(r.out, HasSubstr("2 assets, 2 held"));
}

TEST_F(AssetsCommandTest, AllAddsUnheldAndInactiveTrackedAssetsButNeverUntrackedOnes) {
  auto r = run_pricefeed({"assets", "--all"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("GME"));
  EXPECT_THAT(r.out, HasSubstr("OLD (inactive)"));
  EXPECT_THAT(r.out, Not(HasSubstr("MSFT")));
  EXPECT_THAT(r.out, HasSubstr("4 assets, 3 held"));
}

TEST_F(AssetsCommandTest, ClassFiltersAndAnUnknownClassIsAUsageError) {
  auto r = run_pricefeed({"assets", "--class", "crypto"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("BTC"));
  EXPECT_THAT(r.out, Not(HasSubstr("AAPL")));

  r = run_pricefeed({"assets", "--class", "bond"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("no held assets"));

  EXPECT_EQ(run_pricefeed({"assets", "--class", "shares"}, env).exit_code, 2);
}

TEST_F(AssetsCommandTest, JsonGivesCountsPerResolutionAndTheLatestPrice) {
  auto r = run_pricefeed({"assets", "--json"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto assets = nlohmann::json::parse(r.out);
  ASSERT_EQ(assets.size(), 2u);
  const auto& btc = assets[0];  // ordered by class, then symbol: crypto before stock
  EXPECT_EQ(btc["symbol"], "BTC");
  EXPECT_EQ(btc["rows"]["1h"]["count"], 24);
  EXPECT_EQ(btc["rows"]["1d"]["count"], 1);
  EXPECT_EQ(btc["first_date"], "2025-01-02");
  EXPECT_TRUE(btc["latest_price"].is_null());
  EXPECT_TRUE(btc["last_price_update"].is_null());

  const auto& aapl = assets[1];
  EXPECT_EQ(aapl["symbol"], "AAPL");
  EXPECT_EQ(aapl["asset_class"], "stock");
  EXPECT_EQ(aapl["name"], "Apple Inc.");
  EXPECT_EQ(aapl["tracking_users"], 3);
  EXPECT_EQ(aapl["active"], true);
  EXPECT_EQ(aapl["history_from"], "2024-12-30");
  EXPECT_EQ(aapl["rows"]["1d"]["count"], 5);
  EXPECT_EQ(aapl["rows"]["1d"]["first_date"], "2024-12-30");
  EXPECT_EQ(aapl["rows"]["1d"]["last_date"], "2025-01-03");
  EXPECT_EQ(aapl["first_date"], "2024-12-30");
  EXPECT_EQ(aapl["last_date"], "2025-01-03");
  EXPECT_EQ(aapl["latest_price"]["price"], 189.25);
  EXPECT_EQ(aapl["latest_price"]["currency"], "USD");
  EXPECT_EQ(aapl["latest_price"]["source"], "yahoo");
  EXPECT_NEAR(aapl["latest_price"]["age_seconds"].get<double>(), 7200, 60);
  EXPECT_THAT(aapl["last_price_update"].get<std::string>(), ::testing::EndsWith("Z"));
}

TEST_F(AssetsCommandTest, NothingTrackedSaysSo) {
  TestDatabase empty;
  auto r = run_pricefeed({"assets", "--all"}, {{"DATABASE_URL", empty.url()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("no tracked assets"));
  r = run_pricefeed({"assets", "--json"}, {{"DATABASE_URL", empty.url()}});
  EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::array());
}

}  // namespace
}  // namespace pricefeed::test
