// Writing bars into asset_prices on a real PostgreSQL: validation, batches, partitions, NULLs,
// idempotent replays and what the writer keeps true in tracked_assets.
#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/db/PriceStagingCopy.hpp"
#include "host/db/PriceWriter.hpp"
#include "host/metrics/HostMetrics.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using test::TestDatabase;
using ::testing::HasSubstr;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t k2023 = 1672531200;  // 2023-01-01T00:00:00Z
constexpr std::int64_t k2024 = 1704067200;  // 2024-01-01T00:00:00Z
// 2024-06-30T12:00:00Z: "now" for every writer here, so the test data is never in the future.
constexpr std::int64_t kNow = 1719748800;

Bar daily_bar(std::int64_t ts, double close) {
  Bar bar;
  bar.ts = ts;
  bar.open = close - 1.0;
  bar.high = close + 2.0;
  bar.low = close - 2.0;
  bar.close = close;
  bar.adj_close = close * 0.99;
  bar.volume = 1000.0 + close;
  return bar;
}

std::vector<Bar> daily_bars(std::int64_t first_ts, int count, double first_close = 100.0) {
  std::vector<Bar> bars;
  for (int i = 0; i < count; ++i)
    bars.push_back(daily_bar(first_ts + i * kDay, first_close + i * 0.25));
  return bars;
}

class PriceWriterTest : public ::testing::Test {
 protected:
  TestDatabase database;
  std::unique_ptr<pqxx::connection> connection = database.connect();
  std::unique_ptr<pqxx::connection> sql = database.connect();
  std::int64_t asset_id = insert_asset();

  std::int64_t insert_asset() {
    pqxx::work tx(*sql);
    const auto id =
        tx.exec("INSERT INTO assets (symbol, asset_class) VALUES ('AAPL', 'stock') RETURNING id")[0][0]
            .as<std::int64_t>();
    tx.exec_params("INSERT INTO tracked_assets (asset_id, tracking_users, history_from) VALUES ($1, 1, NULL)",
                   id);
    tx.commit();
    return id;
  }

  PriceWriterOptions options() {
    PriceWriterOptions options;
    options.now = [] { return kNow; };
    options.job_id = 7;
    return options;
  }

  PriceWriteSummary write(const std::vector<Bar>& bars, Resolution resolution = Resolution::day,
                          std::string source = "yahoo") {
    PriceWriter writer(*connection, {asset_id, resolution, source}, options());
    writer.write(bars);
    return writer.finish();
  }

  std::int64_t count_rows(const std::string& where = "true") {
    pqxx::work tx(*sql);
    return tx.exec("SELECT count(*) FROM asset_prices WHERE " + where)[0][0].as<std::int64_t>();
  }

  // ts -> xmin: a row's version; an UPDATE, even to the same values, would change it.
  std::map<std::string, std::string> row_versions() {
    pqxx::work tx(*sql);
    std::map<std::string, std::string> versions;
    for (const auto& row : tx.exec("SELECT ts::text, xmin::text FROM asset_prices ORDER BY ts")) {
      versions[row[0].as<std::string>()] = row[1].as<std::string>();
    }
    return versions;
  }
};

TEST_F(PriceWriterTest, WritesEveryValueOfEachBar) {
  Bar bar = daily_bar(k2024 + kDay, 185.64);
  bar.volume = 82488700.0;
  bar.adj_close = 184.938;
  const PriceWriteSummary summary = write({bar});
  EXPECT_EQ(summary.written, 1);

  pqxx::work tx(*sql);
  const auto row = tx.exec1(
      "SELECT asset_id, resolution, (ts AT TIME ZONE 'UTC')::date::text, open, high, low, close, adj_close, "
      "volume, "
      "source FROM asset_prices");
  EXPECT_EQ(row[0].as<std::int64_t>(), asset_id);
  EXPECT_EQ(row[1].as<std::string>(), "1d");
  EXPECT_EQ(row[2].as<std::string>(), "2024-01-02") << "a daily bar's ts is midnight UTC of its trading date";
  EXPECT_EQ(row[3].as<double>(), bar.open);
  EXPECT_EQ(row[4].as<double>(), bar.high);
  EXPECT_EQ(row[5].as<double>(), bar.low);
  EXPECT_EQ(row[6].as<double>(), 185.64) << "doubles round-trip exactly";
  EXPECT_EQ(row[7].as<double>(), 184.938);
  EXPECT_EQ(row[8].as<double>(), 82488700.0);
  EXPECT_EQ(row[9].as<std::string>(), "yahoo");
}

TEST_F(PriceWriterTest, ReplayedRangeChangesNothing) {
  const std::vector<Bar> bars = daily_bars(k2024, 60);
  EXPECT_EQ(write(bars).written, 60);
  const auto before = row_versions();
  ASSERT_EQ(before.size(), 60u);

  const PriceWriteSummary replay = write(bars);
  EXPECT_EQ(replay.written, 0);
  EXPECT_EQ(replay.unchanged, 60);
  EXPECT_EQ(row_versions(), before) << "no row got a new version (xmin)";

  const PriceWriteSummary other_source = write(bars, Resolution::day, "other");
  EXPECT_EQ(other_source.written, 0) << "the same prices from another source are the same prices";
  EXPECT_EQ(row_versions(), before);
}

TEST_F(PriceWriterTest, ACorrectedBarIsUpdatedAndOnlyIt) {
  std::vector<Bar> bars = daily_bars(k2024, 10);
  write(bars);
  const auto before = row_versions();
  bars[3].close += 0.5;
  bars[5].volume = kAbsent;
  const PriceWriteSummary summary = write(bars);
  EXPECT_EQ(summary.written, 2);
  EXPECT_EQ(summary.unchanged, 8);
  const auto after = row_versions();
  int versions_changed = 0;
  for (const auto& [ts, version] : after)
    versions_changed += before.at(ts) != version ? 1 : 0;
  EXPECT_EQ(versions_changed, 2);
  EXPECT_EQ(count_rows("volume IS NULL"), 1);
}

TEST_F(PriceWriterTest, BadRowsAreCountedAndNeverWritten) {
  std::vector<Bar> bars = daily_bars(k2024, 10);
  bars[1].close = kAbsent;             // close missing
  bars[2].low = bars[2].close + 1.0;   // low above open and close: the first rule broken is reported
  bars[3].open = -5.0;                 // open not positive
  bars[4].volume = -1.0;               // volume negative
  bars[5].ts = kNow + 3 * kDay;        // in the future
  bars[6].close = bars[6].high + 1.0;  // close above high
  const PriceWriteSummary summary = write(bars);
  EXPECT_EQ(summary.written, 4);
  EXPECT_EQ(summary.rejected.total(), 6);
  EXPECT_EQ(summary.rejected.count(BarRejection::close_missing), 1);
  EXPECT_EQ(summary.rejected.count(BarRejection::low_above_open), 1);
  EXPECT_EQ(summary.rejected.count(BarRejection::open_not_positive), 1);
  EXPECT_EQ(summary.rejected.count(BarRejection::volume_negative), 1);
  EXPECT_EQ(summary.rejected.count(BarRejection::timestamp_in_future), 1);
  EXPECT_EQ(summary.rejected.count(BarRejection::close_above_high), 1);
  EXPECT_EQ(count_rows(), 4);
  EXPECT_EQ(count_rows("close <= 0 OR open <= 0 OR volume < 0 OR low > close OR close > high"), 0);
}

// The metrics are process-wide, so this test uses a source name no other test uses.
TEST_F(PriceWriterTest, RowsWrittenAndRejectedAreCountedInTheMetricsBySourceAndReason) {
  const std::string source = "metrics_probe_writer";
  auto written = [&] { return host_metrics().rows_written.labels({source}).value(); };
  auto rejected = [&](BarRejection reason) {
    return host_metrics().rows_rejected.labels({source, to_string(reason)}).value();
  };
  std::vector<Bar> bars = daily_bars(k2024, 10);
  bars[1].close = kAbsent;
  bars[2].volume = -1.0;
  write(bars, Resolution::day, source);
  EXPECT_EQ(written(), 8);
  EXPECT_EQ(rejected(BarRejection::close_missing), 1);
  EXPECT_EQ(rejected(BarRejection::volume_negative), 1);

  bars[3].close += 0.5;
  write(bars, Resolution::day, source);
  EXPECT_EQ(written(), 9) << "a replay counts only the row whose values changed";
  EXPECT_EQ(rejected(BarRejection::close_missing), 2);
}

TEST_F(PriceWriterTest, PartitionsAreCreatedForEachYearWritten) {
  const std::int64_t y2019 = 1546300800;                                                   // 2019-01-01
  const std::int64_t y2021 = 1609459200;                                                   // 2021-01-01
  std::vector<Bar> bars = {daily_bar(y2019 + 10 * kDay, 50), daily_bar(y2021 - kDay, 60),  // 2020-12-31
                           daily_bar(y2021, 61), daily_bar(k2024 + 40 * kDay, 70)};
  write(bars);
  pqxx::work tx(*sql);
  for (const char* partition :
       {"asset_prices_y2019", "asset_prices_y2020", "asset_prices_y2021", "asset_prices_y2024"}) {
    EXPECT_FALSE(tx.exec_params("SELECT to_regclass($1)", partition)[0][0].is_null()) << partition;
  }
  EXPECT_TRUE(tx.exec("SELECT to_regclass('asset_prices_y2022')")[0][0].is_null())
      << "only years that have rows";
  // Each row is in the partition of its UTC year.
  const auto placed = tx.exec(
      "SELECT tableoid::regclass::text, (ts AT TIME ZONE 'UTC')::date::text FROM asset_prices ORDER BY ts");
  ASSERT_EQ(placed.size(), 4u);
  EXPECT_EQ(placed[1][0].as<std::string>(), "asset_prices_y2020");
  EXPECT_EQ(placed[1][1].as<std::string>(), "2020-12-31");
  EXPECT_EQ(placed[2][0].as<std::string>(), "asset_prices_y2021");
}

TEST_F(PriceWriterTest, APartitionDroppedBehindTheCacheIsCreatedAgain) {
  auto partitions = std::make_shared<PricePartitions>();
  PriceWriterOptions shared = options();
  shared.partitions = partitions;
  {
    PriceWriter writer(*connection, {asset_id, Resolution::day, "yahoo"}, shared);
    writer.write(daily_bars(k2024, 3));
    writer.finish();
  }
  EXPECT_TRUE(partitions->known(2024));
  {
    pqxx::work tx(*sql);
    tx.exec("DELETE FROM asset_prices");
    tx.exec("DROP TABLE asset_prices_y2024");
    tx.commit();
  }
  PriceWriter writer(*connection, {asset_id, Resolution::day, "yahoo"}, shared);
  writer.write(daily_bars(k2024, 3));
  EXPECT_EQ(writer.finish().written, 3);
}

TEST_F(PriceWriterTest, NaNBecomesNull) {
  Bar close_only;
  close_only.ts = k2024;
  close_only.close = 42000.5;  // CoinGecko's history: a price and nothing else
  const PriceWriteSummary summary = write({close_only});
  EXPECT_EQ(summary.written, 1);
  pqxx::work tx(*sql);
  const auto row = tx.exec1(
      "SELECT open IS NULL, high IS NULL, low IS NULL, adj_close IS NULL, volume IS NULL, "
      "close FROM asset_prices");
  for (int column = 0; column < 5; ++column)
    EXPECT_TRUE(row[column].as<bool>()) << "column " << column;
  EXPECT_EQ(row[5].as<double>(), 42000.5);
  EXPECT_EQ(
      tx.exec("SELECT count(*) FROM asset_prices WHERE 'NaN'::float8 IN (open, high, low, close, adj_close, "
              "volume)")[0][0]
          .as<int>(),
      0);
}

TEST_F(PriceWriterTest, ThousandsOfRowsAreWrittenInBatches) {
  std::vector<Bar> bars;
  constexpr int kBars = 5500;
  for (int i = 0; i < kBars; ++i) {
    Bar bar = daily_bar(k2023 + static_cast<std::int64_t>(i) * 3600, 100.0 + (i % 97) * 0.01);
    bars.push_back(bar);
  }
  PriceWriter writer(*connection, {asset_id, Resolution::hour, "yahoo"}, options());
  // As a plugin's sink delivers them: pages of a few hundred.
  for (std::size_t offset = 0; offset < bars.size(); offset += 333) {
    const std::size_t count = std::min<std::size_t>(333, bars.size() - offset);
    writer.write(std::span<const Bar>(bars).subspan(offset, count));
  }
  const PriceWriteSummary summary = writer.finish();
  EXPECT_EQ(summary.written, kBars);
  EXPECT_EQ(summary.batches, 6) << "about 1000 rows a batch";
  EXPECT_EQ(count_rows("resolution = '1h'"), kBars);
  EXPECT_EQ(summary.first_ts, k2023);
  EXPECT_EQ(summary.last_ts, k2023 + (kBars - 1) * 3600);
}

TEST_F(PriceWriterTest, ATimestampDeliveredTwiceKeepsTheLaterBar) {
  std::vector<Bar> bars = daily_bars(k2024, 3);
  Bar corrected = bars[1];
  corrected.close = 500.0;
  corrected.high = 501.0;
  bars.push_back(corrected);
  const PriceWriteSummary summary = write(bars);
  EXPECT_EQ(summary.written, 3);
  EXPECT_EQ(summary.duplicates, 1);
  EXPECT_EQ(count_rows("close = 500"), 1);
}

TEST_F(PriceWriterTest, HistoryFromAndLastPriceUpdateAreKeptTrue) {
  {
    pqxx::work tx(*sql);
    tx.exec_params("UPDATE tracked_assets SET history_from = '2024-03-01' WHERE asset_id = $1", asset_id);
    tx.commit();
  }
  write(daily_bars(k2024 + 9 * kDay, 5));  // from 2024-01-10
  pqxx::work tx(*sql);
  const auto row = tx.exec_params1(
      "SELECT history_from::text, last_price_update IS NOT NULL FROM tracked_assets WHERE asset_id = $1",
      asset_id);
  EXPECT_EQ(row[0].as<std::string>(), "2024-01-10");
  EXPECT_TRUE(row[1].as<bool>());
  tx.commit();

  write(daily_bars(k2024 + 60 * kDay, 5));  // later than history_from: stays
  pqxx::work check(*sql);
  EXPECT_EQ(
      check.exec_params1("SELECT history_from::text FROM tracked_assets WHERE asset_id = $1", asset_id)[0]
          .as<std::string>(),
      "2024-01-10");
}

TEST_F(PriceWriterTest, AReplayDoesNotTouchLastPriceUpdate) {
  write(daily_bars(k2024, 5));
  {
    pqxx::work tx(*sql);
    tx.exec_params("UPDATE tracked_assets SET last_price_update = '2000-01-01' WHERE asset_id = $1",
                   asset_id);
    tx.commit();
  }
  write(daily_bars(k2024, 5));
  pqxx::work tx(*sql);
  EXPECT_EQ(tx.exec_params1("SELECT last_price_update = '2000-01-01' FROM tracked_assets WHERE asset_id = $1",
                            asset_id)[0]
                .as<bool>(),
            true);
}

TEST_F(PriceWriterTest, BeforeEachBatchCanStopTheWrite) {
  PriceWriterOptions stopping = options();
  stopping.batch_rows = 10;
  int batches = 0;
  stopping.before_each_batch = [&] {
    if (++batches == 3) throw std::runtime_error("lease lost");
  };
  PriceWriter writer(*connection, {asset_id, Resolution::day, "yahoo"}, stopping);
  EXPECT_THROW(writer.write(daily_bars(k2024, 50)), std::runtime_error);
  EXPECT_EQ(count_rows(), 20) << "the batches before the stop stay; nothing after it is written";
}

TEST_F(PriceWriterTest, AFailedBatchNamesTheSeriesAndTheJob) {
  PriceWriter writer(*connection, {asset_id + 1000, Resolution::day, "yahoo"}, options());  // no such asset
  writer.write(daily_bars(k2024, 2));
  try {
    writer.finish();
    FAIL() << "wrote prices of an asset that does not exist";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), HasSubstr("asset " + std::to_string(asset_id + 1000)));
    EXPECT_THAT(error.what(), HasSubstr("job 7"));
    EXPECT_THAT(error.what(), HasSubstr("source yahoo"));
  }
}

// A plugin's answer is held to what its job asked for (issue 16, "plugin output is bounded").
TEST_F(PriceWriterTest, BarsOutsideTheRequestedRangeAndDailyBarsNotAtMidnightAreRefused) {
  PriceWriterOptions opts = options();
  opts.requested = RequestedRange{k2024 + 10 * kDay, k2024 + 20 * kDay};  // 2024-01-11 .. 2024-01-20
  std::vector<Bar> bars = daily_bars(k2024, 30);                          // 2024-01-01 .. 2024-01-30
  bars[12].ts += 9 * 3600 + 30 * 60;  // 2024-01-13 09:30 UTC: not a daily bar
  PriceWriter writer(*connection, {asset_id, Resolution::day, "yahoo"}, opts);
  writer.write(bars);
  const PriceWriteSummary summary = writer.finish();
  EXPECT_EQ(summary.written, 9);
  EXPECT_EQ(summary.rejected.count(BarRejection::outside_requested_range), 20);
  EXPECT_EQ(summary.rejected.count(BarRejection::daily_not_at_midnight), 1);
  EXPECT_EQ(count_rows(), 9);
  EXPECT_EQ(count_rows("ts < '2024-01-11' OR ts >= '2024-01-21'"), 0);
  EXPECT_EQ(count_rows("ts <> date_trunc('day', ts, 'UTC')"), 0);
}

TEST_F(PriceWriterTest, BarsOfAFinerResolutionInAnHourlyJobKeepTheFirstOfEachUtcHour) {
  PriceWriterOptions opts = options();
  opts.requested = RequestedRange{k2024, k2024 + kDay};
  std::vector<Bar> bars;
  for (int i = 0; i < 48; ++i)  // a bar every half hour: a 30-minute series sent for an hourly job
    bars.push_back(daily_bar(k2024 + i * 1800, 100.0 + i));
  bars.push_back(bars[2]);  // a ts delivered twice is a duplicate, not a finer bar
  bars.push_back(bars[4]);
  bars.back().ts += 7;  // 02:00:07: between minutes, no hourly series has it
  PriceWriter writer(*connection, {asset_id, Resolution::hour, "yahoo"}, opts);
  writer.write(bars);
  const PriceWriteSummary summary = writer.finish();
  EXPECT_EQ(summary.written, 24);
  EXPECT_EQ(summary.duplicates, 1);
  EXPECT_EQ(summary.rejected.count(BarRejection::finer_than_resolution), 25);
  EXPECT_EQ(count_rows(), 24);
  EXPECT_EQ(count_rows("extract(minute FROM ts AT TIME ZONE 'UTC') <> 0"), 0) << "the first of each hour";
}

TEST_F(PriceWriterTest, MoreBarsThanTheRangeHoldsAreRefusedAndCounted) {
  // An hour's range that straddles two UTC hours: one slot, but two hourly bars fit inside it.
  PriceWriterOptions opts = options();
  opts.requested = RequestedRange{k2024 + 1800, k2024 + 5400};  // 00:30 .. 01:30
  PriceWriter writer(*connection, {asset_id, Resolution::hour, "yahoo"}, opts);
  writer.write(std::vector<Bar>{daily_bar(k2024 + 1800, 100.0), daily_bar(k2024 + 3600, 101.0)});
  const PriceWriteSummary summary = writer.finish();
  EXPECT_EQ(summary.written, 1);
  EXPECT_EQ(summary.rejected.count(BarRejection::more_than_range_holds), 1);
  EXPECT_EQ(count_rows(), 1);
}

TEST_F(PriceWriterTest, AMillionCopiesOfOneDayCostTwoBatches) {
  // Repeats are allowed (page overlaps, corrections), up to kRepeatedBarsAllowance past twice what
  // the range holds; past that they are refused before they are buffered, not written a batch at a time.
  PriceWriterOptions opts = options();
  opts.requested = RequestedRange{k2024, k2024 + kDay};
  PriceWriter writer(*connection, {asset_id, Resolution::day, "yahoo"}, opts);
  const std::vector<Bar> page(100000, daily_bar(k2024, 100.0));
  for (int i = 0; i < 10; ++i)
    writer.write(page);
  const PriceWriteSummary summary = writer.finish();
  EXPECT_EQ(summary.written, 1);
  EXPECT_EQ(summary.batches, 2);
  EXPECT_EQ(summary.rejected.count(BarRejection::more_than_range_holds),
            1000000 - 2 - static_cast<std::int64_t>(kRepeatedBarsAllowance));
  EXPECT_EQ(count_rows(), 1);
}

// crypto's chain: binance first, coingecko the fallback.
TEST_F(PriceWriterTest, AFallbackSourceNeverOverwritesThePreferredSourcesRow) {
  auto write_from = [&](const std::string& source, const std::vector<Bar>& bars) {
    PriceWriterOptions opts = options();
    opts.source_ranking = {"binance", "coingecko"};
    PriceWriter writer(*connection, {asset_id, Resolution::day, source}, opts);
    writer.write(bars);
    return writer.finish();
  };
  EXPECT_EQ(write_from("binance", daily_bars(k2024, 5, 100.0)).written, 5);
  const auto before = row_versions();

  // The fallback disagrees about every stored day and adds two days the preferred source lacks.
  const PriceWriteSummary fallback = write_from("coingecko", daily_bars(k2024, 7, 200.0));
  EXPECT_EQ(fallback.written, 2) << "only the days nobody stored";
  EXPECT_EQ(fallback.unchanged, 5);
  EXPECT_EQ(count_rows("source = 'binance' AND close < 200"), 5);
  EXPECT_EQ(count_rows("source = 'coingecko'"), 2);
  for (const auto& [ts, version] : before)
    EXPECT_EQ(row_versions().at(ts), version) << ts;

  // Asked again, the fallback may correct only its own days; the preferred source takes them over.
  EXPECT_EQ(write_from("coingecko", daily_bars(k2024, 7, 300.0)).written, 2);
  EXPECT_EQ(count_rows("source = 'binance' AND close < 200"), 5);
  EXPECT_EQ(write_from("binance", daily_bars(k2024, 7, 100.0)).written, 2);
  EXPECT_EQ(count_rows("source = 'binance'"), 7);

  // A source outside the chain (no longer routed) ranks last: any routed one replaces its rows.
  {
    pqxx::work tx(*sql);
    tx.exec("UPDATE asset_prices SET source = 'retired'");
    tx.commit();
  }
  EXPECT_EQ(write_from("coingecko", daily_bars(k2024, 7, 300.0)).written, 7);
  EXPECT_EQ(count_rows("source = 'coingecko' AND close >= 300"), 7);
}

TEST_F(PriceWriterTest, RawCopyWritesTheSameRowsAsTheWriter) {
  // The benchmark's baseline: the same rows, COPYed straight into asset_prices.
  const std::vector<Bar> bars = daily_bars(k2024, 100);
  {
    pqxx::work tx(*connection);
    tx.exec("SELECT pricefeed_ensure_price_partition(2024)");
    tx.commit();
  }
  {
    pqxx::work tx(*connection);
    copy_bars_to_asset_prices(tx, asset_id, Resolution::day, "yahoo", bars);
    tx.commit();
  }
  const auto copied = row_versions();
  EXPECT_EQ(copied.size(), 100u);
  const PriceWriteSummary replay = write(bars);
  EXPECT_EQ(replay.unchanged, 100) << "the writer finds the raw COPY's rows identical";
  EXPECT_EQ(row_versions(), copied);
}

}  // namespace
}  // namespace pricefeed::host
