// Today's daily bars folded from quotes, on a real PostgreSQL: the first quote opens the bar, later
// ones widen high and low and move the close, each bar lands at 00:00 UTC of its trading date in its
// year's partition.
#include "host/db/QuotedDailyBars.hpp"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

const sys_days kDay = sys_days{year{2026} / 11 / 24};

class QuotedDailyBarsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pqxx::work tx(*connection_);
    asset_id_ = tx.exec1("INSERT INTO assets (symbol, asset_class) VALUES ('AAPL', 'stock') RETURNING id")[0]
                    .as<std::int64_t>();
    other_asset_id_ =
        tx.exec1("INSERT INTO assets (symbol, asset_class) VALUES ('BTC', 'crypto') RETURNING id")[0]
            .as<std::int64_t>();
    tx.commit();
  }

  DailyBarQuote quote(double price, sys_days day = kDay) const {
    return {.asset_id = asset_id_, .trading_date = day, .price = price, .source = "yahoo"};
  }

  std::size_t fold(const std::vector<DailyBarQuote>& quotes) {
    ensure_daily_bar_partitions(*connection_, partitions_, quotes);
    pqxx::work tx(*connection_);
    const std::size_t written = fold_quotes_into_daily_bars(tx, quotes);
    tx.commit();
    return written;
  }

  pqxx::row row(const std::string& sql) {
    pqxx::work tx(*connection_);
    return tx.exec1(sql);
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
  PricePartitions partitions_;
  std::int64_t asset_id_ = 0;
  std::int64_t other_asset_id_ = 0;
};

TEST_F(QuotedDailyBarsTest, TheFirstQuoteOpensTheBarAtMidnightUtcOfItsTradingDate) {
  DailyBarQuote first = quote(100);
  first.volume = 5000;
  EXPECT_EQ(fold({first}), 1u);

  const auto bar =
      row("SELECT resolution, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), open, high, low, close, "
          "volume, source, adj_close IS NULL, filled_gap_id IS NULL FROM asset_prices");
  EXPECT_EQ(bar[0].as<std::string>(), "1d");
  EXPECT_EQ(bar[1].as<std::string>(), "2026-11-24 00:00");
  for (int column : {2, 3, 4, 5})
    EXPECT_DOUBLE_EQ(bar[column].as<double>(), 100) << column;
  EXPECT_DOUBLE_EQ(bar[6].as<double>(), 5000);
  EXPECT_EQ(bar[7].as<std::string>(), "yahoo");
  EXPECT_TRUE(bar[8].as<bool>());
  EXPECT_TRUE(bar[9].as<bool>());
}

TEST_F(QuotedDailyBarsTest, TheSessionsOpenHighAndLowTheSourceGivesAreTaken) {
  DailyBarQuote first = quote(101);
  first.open = 99.5;
  first.high = 103;
  first.low = 98;
  fold({first});
  const auto bar = row("SELECT open, high, low, close FROM asset_prices");
  EXPECT_DOUBLE_EQ(bar[0].as<double>(), 99.5);
  EXPECT_DOUBLE_EQ(bar[1].as<double>(), 103);
  EXPECT_DOUBLE_EQ(bar[2].as<double>(), 98);
  EXPECT_DOUBLE_EQ(bar[3].as<double>(), 101);
}

TEST_F(QuotedDailyBarsTest, LaterQuotesFoldIntoTheBarWithoutMovingItsOpen) {
  DailyBarQuote first = quote(100);
  first.volume = 5000;
  fold({first});
  EXPECT_EQ(fold({quote(104)}), 1u);
  EXPECT_EQ(fold({quote(97)}), 1u);
  DailyBarQuote last = quote(101);
  last.source = "sandbox";
  EXPECT_EQ(fold({last}), 1u);

  const auto bar = row("SELECT count(*) OVER (), open, high, low, close, volume, source FROM asset_prices");
  EXPECT_EQ(bar[0].as<int>(), 1);
  EXPECT_DOUBLE_EQ(bar[1].as<double>(), 100);
  EXPECT_DOUBLE_EQ(bar[2].as<double>(), 104);
  EXPECT_DOUBLE_EQ(bar[3].as<double>(), 97);
  EXPECT_DOUBLE_EQ(bar[4].as<double>(), 101);
  EXPECT_DOUBLE_EQ(bar[5].as<double>(), 5000);  // a quote without volume keeps the one stored
  EXPECT_EQ(bar[6].as<std::string>(), "sandbox");
}

TEST_F(QuotedDailyBarsTest, EachAssetsBarGoesIntoThePartitionOfItsYear) {
  DailyBarQuote other = quote(50000, sys_days{year{2031} / 1 / 1});
  other.asset_id = other_asset_id_;
  other.source = "binance";
  EXPECT_EQ(fold({quote(100), other}), 2u);

  EXPECT_TRUE(partitions_.known(2026));
  EXPECT_TRUE(partitions_.known(2031));
  EXPECT_EQ(row("SELECT count(*) FROM asset_prices_y2026 WHERE asset_id = " + std::to_string(asset_id_))[0]
                .as<int>(),
            1);
  EXPECT_EQ(row("SELECT count(*) FROM asset_prices_y2031 WHERE asset_id = " +
                std::to_string(other_asset_id_) + " AND ts = '2031-01-01T00:00:00Z'")[0]
                .as<int>(),
            1);
}

}  // namespace
}  // namespace pricefeed::host
