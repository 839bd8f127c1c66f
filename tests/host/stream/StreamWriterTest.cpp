// StreamWriter on a real PostgreSQL: at most one write per asset per interval with the latest quote
// winning, today's bar folded from streamed quotes, invalid quotes refused and counted, a database
// outage waited out with the latest quote kept, and stop() flushing what is pending.
#include "host/stream/StreamWriter.hpp"

#include <atomic>
#include <cmath>
#include <functional>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "host/db/Database.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;

constexpr auto kPatience = seconds{10};

class StreamWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pqxx::work tx(*sql_);
    asset_id_ = tx.exec1(
                      "INSERT INTO assets (symbol, asset_class, currency) VALUES ('BTC', 'crypto', 'USDT') "
                      "RETURNING id")[0]
                    .as<std::int64_t>();
    tx.exec_params("INSERT INTO tracked_assets (asset_id, tracking_users) VALUES ($1, 1)", asset_id_);
    tx.commit();
  }

  // A writer whose connections fail with a connection error while `database_down_` is set.
  std::unique_ptr<StreamWriter> start_writer(milliseconds min_interval) {
    StreamWriterSettings settings;
    settings.min_interval = min_interval;
    settings.backoff = {.first = milliseconds{20}, .longest = milliseconds{100}};
    return std::make_unique<StreamWriter>(settings, [this] {
      if (database_down_)
        throw DatabaseConnectionError("cannot connect to PostgreSQL: the test took it down");
      return open_database_connection(db_.url());
    });
  }

  // A quote `ms_ago` milliseconds before the test started, as the stream would hand it over.
  StreamedQuote quote(double price, std::int64_t ms_ago) const {
    StreamedQuote streamed;
    streamed.asset_id = asset_id_;
    streamed.symbol = "BTCUSDT";
    streamed.source = "binance";
    streamed.asset_class = AssetClass::crypto;
    streamed.quote.symbol = "BTCUSDT";
    streamed.quote.price = price;
    streamed.quote.currency = "USDT";
    streamed.quote.ts_ms = started_ms_ - ms_ago;
    streamed.quote.ts = streamed.quote.ts_ms / 1000;
    streamed.received_at = steady_clock::now();
    return streamed;
  }

  // Waits until `done` holds of the writer's stats; false when it never did.
  static bool eventually(const StreamWriter& writer,
                         const std::function<bool(const StreamWriterStats&)>& done) {
    const auto give_up = steady_clock::now() + kPatience;
    while (steady_clock::now() < give_up) {
      if (done(writer.stats())) return true;
      std::this_thread::sleep_for(milliseconds{10});
    }
    return false;
  }

  pqxx::row row(const std::string& sql) {
    pqxx::work tx(*sql_);
    return tx.exec1(sql);
  }
  double latest_price() { return row("SELECT price FROM latest_prices")[0].as<double>(); }

  // Ends every session of the test database but this test's own: the writer's connection breaks as
  // when the server restarts.
  void cut_the_writers_connection() {
    pqxx::work tx(*sql_);
    tx.exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid "
        "<> pg_backend_pid()");
    tx.commit();
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> sql_ = db_.connect();
  std::int64_t asset_id_ = 0;
  std::atomic<bool> database_down_{false};
  const std::int64_t started_ms_ =
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() - 60'000;
};

TEST_F(StreamWriterTest, AHundredQuotesWithinOneIntervalAreOneWriteThenTheLatestInTheNext) {
  auto writer = start_writer(milliseconds{1500});
  writer->offer(quote(100, 1000));
  ASSERT_TRUE(eventually(*writer, [](const auto& stats) { return stats.written == 1; }));

  for (int i = 1; i <= 100; ++i)
    writer->offer(quote(100 + i, 1000 - i));
  const StreamWriterStats within = writer->stats();
  EXPECT_EQ(within.written, 1u) << "a second write within the interval";
  EXPECT_EQ(within.pending, 1u);
  EXPECT_DOUBLE_EQ(latest_price(), 100);

  ASSERT_TRUE(eventually(*writer, [](const auto& stats) { return stats.written == 2; }));
  EXPECT_DOUBLE_EQ(latest_price(), 200);
  std::this_thread::sleep_for(milliseconds{200});
  const StreamWriterStats after = writer->stats();
  EXPECT_EQ(after.offered, 101u);
  EXPECT_EQ(after.written, 2u) << "nothing is written twice";
  EXPECT_EQ(after.batches, 2u);
  EXPECT_EQ(after.superseded, 99u);
  EXPECT_EQ(after.pending, 0u);
  EXPECT_TRUE(after.last_write.has_value());
}

TEST_F(StreamWriterTest, AQuoteNoNewerThanTheLastOneIsIgnored) {
  auto writer = start_writer(milliseconds{100});
  writer->offer(quote(120, 500));
  writer->offer(quote(110, 900));  // older: arrived out of order
  writer->offer(quote(115, 500));  // the same instant again
  ASSERT_TRUE(eventually(*writer, [](const auto& stats) { return stats.written == 1; }));
  writer->offer(quote(90, 2000));  // older than what was written
  std::this_thread::sleep_for(milliseconds{300});
  EXPECT_EQ(writer->stats().stale, 3u);
  EXPECT_EQ(writer->stats().written, 1u);
  EXPECT_DOUBLE_EQ(latest_price(), 120);
}

TEST_F(StreamWriterTest, TodaysBarIsFoldedFromTheStreamedQuotes) {
  auto writer = start_writer(milliseconds{100});
  const double prices[] = {100, 130, 90, 110};
  for (std::size_t i = 0; i < std::size(prices); ++i) {
    writer->offer(quote(prices[i], 4000 - static_cast<std::int64_t>(i) * 1000 + 250));
    ASSERT_TRUE(eventually(*writer, [i](const auto& stats) { return stats.written == i + 1; }));
  }
  const auto bar = row("SELECT open, high, low, close, source FROM asset_prices");
  EXPECT_DOUBLE_EQ(bar[0].as<double>(), 100);
  EXPECT_DOUBLE_EQ(bar[1].as<double>(), 130);
  EXPECT_DOUBLE_EQ(bar[2].as<double>(), 90);
  EXPECT_DOUBLE_EQ(bar[3].as<double>(), 110);
  EXPECT_EQ(bar[4].as<std::string>(), "binance");
  const auto latest = row("SELECT price, (extract(epoch FROM ts) * 1000)::bigint, source FROM latest_prices");
  EXPECT_DOUBLE_EQ(latest[0].as<double>(), 110);
  EXPECT_EQ(latest[1].as<std::int64_t>(), started_ms_ - 1250) << "the quote's milliseconds are kept";
  EXPECT_TRUE(row("SELECT last_price_update IS NOT NULL FROM tracked_assets")[0].as<bool>());
}

TEST_F(StreamWriterTest, AnInvalidQuoteIsRefusedCountedAndNotWritten) {
  auto writer = start_writer(milliseconds{100});
  writer->offer(quote(-1, 500));
  ASSERT_TRUE(eventually(*writer, [](const auto& stats) { return stats.refused == 1; }));
  const StreamWriterStats stats = writer->stats();
  ASSERT_TRUE(stats.last_refused.has_value());
  EXPECT_THAT(stats.last_refused->reason, HasSubstr("not positive"));
  EXPECT_EQ(stats.last_refused->symbol, "BTCUSDT");
  EXPECT_EQ(stats.written, 0u);
  EXPECT_FALSE(stats.last_write.has_value());
  EXPECT_EQ(row("SELECT count(*) FROM latest_prices")[0].as<int>(), 0);
  EXPECT_EQ(row("SELECT count(*) FROM asset_prices")[0].as<int>(), 0);
}

TEST_F(StreamWriterTest, DuringAnOutageTheLatestQuoteIsKeptAndWrittenWhenTheDatabaseAnswers) {
  auto writer = start_writer(milliseconds{100});
  writer->offer(quote(100, 3000));
  ASSERT_TRUE(eventually(*writer, [](const auto& stats) { return stats.written == 1; }));

  database_down_ = true;
  cut_the_writers_connection();
  writer->offer(quote(101, 2000));
  ASSERT_TRUE(eventually(*writer, [](const auto& stats) { return !stats.database_reachable; }));
  writer->offer(quote(102, 1000));
  ASSERT_TRUE(eventually(*writer, [](const auto& stats) { return stats.failed_batches >= 2; }));
  const StreamWriterStats down = writer->stats();
  EXPECT_EQ(down.written, 1u);
  EXPECT_EQ(down.pending, 1u) << "one quote per asset is kept, the latest";
  EXPECT_DOUBLE_EQ(latest_price(), 100);

  database_down_ = false;
  ASSERT_TRUE(eventually(*writer, [](const auto& stats) { return stats.written == 2; }));
  EXPECT_TRUE(writer->stats().database_reachable);
  EXPECT_DOUBLE_EQ(latest_price(), 102);
}

TEST_F(StreamWriterTest, StopWritesWhatIsPendingWithoutWaitingForTheInterval) {
  auto writer = start_writer(milliseconds{60'000});
  writer->offer(quote(100, 2000));
  ASSERT_TRUE(eventually(*writer, [](const auto& stats) { return stats.written == 1; }));
  writer->offer(quote(105, 1000));  // throttled for a minute

  const auto stopping = steady_clock::now();
  writer->stop();
  EXPECT_LT(steady_clock::now() - stopping, seconds{2});
  EXPECT_EQ(writer->stats().written, 2u);
  EXPECT_DOUBLE_EQ(latest_price(), 105);
}

TEST_F(StreamWriterTest, StopGivesUpWithinItsBoundWhenTheDatabaseIsDown) {
  auto writer = start_writer(milliseconds{100});
  writer->offer(quote(100, 2000));
  ASSERT_TRUE(eventually(*writer, [](const auto& stats) { return stats.written == 1; }));
  database_down_ = true;
  cut_the_writers_connection();
  writer->offer(quote(105, 1000));

  const auto stopping = steady_clock::now();
  writer->stop(milliseconds{300});
  EXPECT_LT(steady_clock::now() - stopping, seconds{2});
  EXPECT_EQ(writer->stats().written, 1u);
  EXPECT_EQ(writer->stats().pending, 0u) << "what could not be written is dropped";
}

}  // namespace
}  // namespace pricefeed::host
