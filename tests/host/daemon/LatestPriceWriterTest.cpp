// write_latest_prices on a real PostgreSQL: latest_prices, today's bar folded over the day, and
// refused quotes never written.
#include "host/daemon/LatestPriceWriter.hpp"

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;

const sys_days kDay = sys_days{year{2026} / 11 / 24};
const sys_seconds kNow = kDay + hours{15};

class LatestPriceWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pqxx::work tx(*connection_);
    asset_id_ = tx.exec1(
                      "INSERT INTO assets (symbol, asset_class, currency) VALUES ('AAPL', 'stock', 'USD') "
                      "RETURNING id")[0]
                    .as<std::int64_t>();
    tx.exec_params("INSERT INTO tracked_assets (asset_id, tracking_users) VALUES ($1, 1)", asset_id_);
    tx.commit();
  }

  AssetQuote quote(double price, sys_seconds at, double open = std::nan("")) {
    AssetQuote q;
    q.asset_id = asset_id_;
    q.symbol = "AAPL";
    q.source = "yahoo";
    q.quote.symbol = "AAPL";
    q.quote.price = price;
    q.quote.currency = "USD";
    q.quote.ts = at.time_since_epoch().count();
    q.quote.open = open;
    q.trading_date = kDay;
    return q;
  }

  LatestPriceWriteSummary write(const std::vector<AssetQuote>& quotes) {
    return write_latest_prices(*connection_, partitions_, quotes, kNow);
  }

  pqxx::row row(const std::string& sql) {
    pqxx::work tx(*connection_);
    return tx.exec1(sql);
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
  PricePartitions partitions_;
  std::int64_t asset_id_ = 0;
};

TEST_F(LatestPriceWriterTest, TheDaysQuotesFoldIntoOneBar) {
  write({quote(100, kNow - hours{5}, 99.5)});
  write({quote(104, kNow - hours{4})});
  write({quote(97, kNow - hours{3})});
  const auto summary = write({quote(101, kNow - hours{2})});
  EXPECT_EQ(summary.latest_updated, 1u);
  EXPECT_EQ(summary.bars_written, 1u);
  auto bar =
      row("SELECT open, high, low, close, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM "
          "asset_prices");
  EXPECT_DOUBLE_EQ(bar[0].as<double>(), 99.5);  // the session open the source gave
  EXPECT_DOUBLE_EQ(bar[1].as<double>(), 104);
  EXPECT_DOUBLE_EQ(bar[2].as<double>(), 97);
  EXPECT_DOUBLE_EQ(bar[3].as<double>(), 101);
  EXPECT_EQ(bar[4].as<std::string>(), "2026-11-24 00:00");
  auto latest = row("SELECT price, currency, source FROM latest_prices");
  EXPECT_DOUBLE_EQ(latest[0].as<double>(), 101);
  EXPECT_EQ(latest[1].as<std::string>(), "USD");
  EXPECT_TRUE(row("SELECT last_price_update IS NOT NULL FROM tracked_assets")[0].as<bool>());
}

TEST_F(LatestPriceWriterTest, AnOlderQuoteDoesNotReplaceANewerLatestPrice) {
  write({quote(110, kNow - hours{1})});
  const auto summary = write({quote(90, kNow - hours{3})});
  EXPECT_EQ(summary.latest_updated, 0u);
  EXPECT_DOUBLE_EQ(row("SELECT price FROM latest_prices")[0].as<double>(), 110);
}

TEST_F(LatestPriceWriterTest, AQuoteWithMillisecondsKeepsThemInLatestPrices) {
  AssetQuote streamed = quote(101, kNow - hours{1});
  streamed.quote.ts_ms = streamed.quote.ts * 1000 + 250;
  write({streamed});
  EXPECT_EQ(row("SELECT (extract(epoch FROM ts) * 1000)::bigint FROM latest_prices")[0].as<std::int64_t>(),
            streamed.quote.ts_ms);

  // A later quote within the same second is later: it replaces the first.
  AssetQuote next = streamed;
  next.quote.price = 102;
  next.quote.ts_ms += 500;
  EXPECT_EQ(write({next}).latest_updated, 1u);
  EXPECT_DOUBLE_EQ(row("SELECT price FROM latest_prices")[0].as<double>(), 102);
}

TEST_F(LatestPriceWriterTest, InvalidQuotesAreRefusedWithTheirReasonAndNotWritten) {
  const auto summary = write({quote(0, kNow - hours{1}), quote(-5, kNow - hours{1}),
                              quote(std::nan(""), kNow - hours{1}), quote(100, kNow + hours{2})});
  ASSERT_EQ(summary.refused.size(), 4u);
  EXPECT_THAT(summary.refused[0].reason, HasSubstr("not positive"));
  EXPECT_THAT(summary.refused[2].reason, HasSubstr("not a finite number"));
  EXPECT_THAT(summary.refused[3].reason, HasSubstr("in the future"));
  EXPECT_EQ(summary.refused[0].symbol, "AAPL");
  EXPECT_EQ(row("SELECT count(*) FROM latest_prices")[0].as<int>(), 0);
  EXPECT_EQ(row("SELECT count(*) FROM asset_prices")[0].as<int>(), 0);
}

}  // namespace
}  // namespace pricefeed::host
