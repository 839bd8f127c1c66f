#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/sandbox/Hashing.hpp"
#include "tests/sandbox/PriceModel.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using testing::day;
using namespace std::chrono;

const sys_seconds kNow = *parse_instant("2025-02-20T15:00:00Z");

Instrument must(const Instruments& instruments, const std::string& symbol) {
  auto in = instruments.find(symbol);
  if (!in) throw std::runtime_error("unknown " + symbol);
  return *in;
}

TEST(PriceModelTest, HashAndGeneratorMatchTheirReferenceValues) {
  // splitmix64 seeded with 0 and FNV-1a are fixed bit for bit on every platform.
  SplitMix64 rng(0);
  EXPECT_EQ(rng.next(), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(rng.next(), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
}

TEST(PriceModelTest, SameDayGivesTheSameBarWhateverRangeIsAsked) {
  Instruments instruments;
  PriceModel model;
  for (const char* symbol : {"AAPL", "BTC-USD", "EURUSD=X", "GC=F", "OCDO.L", "ZZZQ"}) {
    Instrument in = must(instruments, symbol);
    auto year = model.daily_bars(in, day("2021-01-01"), day("2021-12-31"), kNow);
    auto march = model.daily_bars(in, day("2021-03-01"), day("2021-03-31"), kNow);
    ASSERT_FALSE(march.empty()) << symbol;
    for (const Bar& b : march) {
      auto it = std::find_if(year.begin(), year.end(), [&](const Bar& y) { return y.day == b.day; });
      ASSERT_NE(it, year.end()) << symbol;
      EXPECT_EQ(it->ts, b.ts);
      EXPECT_EQ(it->open, b.open) << symbol << " " << iso_date(b.day);
      EXPECT_EQ(it->high, b.high);
      EXPECT_EQ(it->low, b.low);
      EXPECT_EQ(it->close, b.close);
      EXPECT_EQ(it->adj_close, b.adj_close);
      EXPECT_EQ(it->volume, b.volume);
      auto one = model.daily_bar(in, b.day, kNow);
      ASSERT_TRUE(one);
      EXPECT_EQ(one->close, b.close);
    }
  }
}

TEST(PriceModelTest, TwoModelsWithTheSameSeedAgreeAndAnotherSeedDiffers) {
  Instruments instruments;
  Instrument in = must(instruments, "MSFT");
  auto a = PriceModel(3).daily_bars(in, day("2022-01-01"), day("2022-02-01"), kNow);
  auto b = PriceModel(3).daily_bars(in, day("2022-01-01"), day("2022-02-01"), kNow);
  auto c = PriceModel(4).daily_bars(in, day("2022-01-01"), day("2022-02-01"), kNow);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    EXPECT_EQ(a[i].close, b[i].close);
  EXPECT_NE(a.back().close, c.back().close);
}

TEST(PriceModelTest, BarsKeepLowBelowOpenAndCloseBelowHigh) {
  Instruments instruments;
  PriceModel model(11);
  for (const char* symbol : {"AAPL", "NVDA", "BTC-USD", "DOGE-USD", "USDT-USD", "EURUSD=X", "JPY=X", "GC=F",
                             "NG=F", "OCDO.L", "^GSPC", "SPY", "QQQQX", "AB", "SAP.DE", "7203.T"}) {
    Instrument in = must(instruments, symbol);
    auto bars = model.daily_bars(in, day("2018-01-01"), day("2025-02-19"), kNow);
    ASSERT_GT(bars.size(), 1000u) << symbol;
    for (const Bar& b : bars) {
      ASSERT_GT(b.low, 0) << symbol;
      ASSERT_LE(b.low, b.open) << symbol << " " << iso_date(b.day);
      ASSERT_LE(b.low, b.close) << symbol << " " << iso_date(b.day);
      ASSERT_GE(b.high, b.open) << symbol << " " << iso_date(b.day);
      ASSERT_GE(b.high, b.close) << symbol << " " << iso_date(b.day);
      ASSERT_GE(b.volume, 0);
      ASSERT_GT(b.adj_close, 0);
    }
  }
}

TEST(PriceModelTest, StartLevelsArePlausible) {
  Instruments instruments;
  PriceModel model;
  auto close_on = [&](const char* symbol, const char* iso) {
    return model.daily_bar(must(instruments, symbol), day(iso), kNow)->close;
  };
  EXPECT_NEAR(close_on("AAPL", "2020-01-02"), 75.09, 0.01);  // the anchor day
  EXPECT_NEAR(close_on("BTC-USD", "2020-01-02"), 7200, 1);
  EXPECT_NEAR(close_on("EURUSD=X", "2020-01-02"), 1.1221, 0.0001);
  EXPECT_NEAR(close_on("GC=F", "2020-01-02"), 1520, 0.01);
  EXPECT_NEAR(close_on("OCDO.L", "2020-01-02"), 1279, 0.01);
  EXPECT_GT(close_on("AAPL", "2024-06-03"), 10);
  EXPECT_LT(close_on("AAPL", "2024-06-03"), 600);
  Instrument eur = must(instruments, "EURUSD=X");
  EXPECT_EQ(model.daily_bar(eur, day("2020-01-02"), kNow)->volume, 0);  // forex has no volume
}

TEST(PriceModelTest, ServedPricesAreRoundedFloats) {
  Instruments instruments;
  PriceModel model;
  auto bars = model.daily_bars(must(instruments, "AAPL"), day("2023-01-01"), day("2023-02-01"), kNow);
  for (const Bar& b : bars) {
    EXPECT_EQ(b.close, static_cast<double>(static_cast<float>(b.close)));
    EXPECT_NEAR(b.close * 100, std::round(b.close * 100), 1e-3);
  }
}

TEST(PriceModelTest, IntradayBarsStayInsideTheDailyBar) {
  Instruments instruments;
  PriceModel model;
  for (const char* symbol : {"AAPL", "BTC-USD", "OCDO.L"}) {
    Instrument in = must(instruments, symbol);
    auto daily = *model.daily_bar(in, day("2025-02-14"), kNow);
    for (int interval : {1, 5, 60}) {
      auto bars = model.intraday_bars(in, interval, day("2025-02-14"), day("2025-02-14"), kNow);
      ASSERT_FALSE(bars.empty());
      EXPECT_EQ(bars.front().ts, daily.ts);
      EXPECT_EQ(bars.front().open, daily.open) << symbol << " " << interval;
      EXPECT_EQ(bars.back().close, daily.close) << symbol << " " << interval;
      double high = 0, low = 1e300;
      std::int64_t volume = 0;
      for (const Bar& b : bars) {
        EXPECT_LE(b.low, std::min(b.open, b.close));
        EXPECT_GE(b.high, std::max(b.open, b.close));
        high = std::max(high, b.high);
        low = std::min(low, b.low);
        volume += b.volume;
      }
      EXPECT_EQ(high, daily.high) << symbol << " " << interval;
      EXPECT_EQ(low, daily.low) << symbol << " " << interval;
      EXPECT_EQ(volume, daily.volume) << symbol << " " << interval;
    }
  }
}

TEST(PriceModelTest, SessionInProgressGivesThePartialBar) {
  Instruments instruments;
  PriceModel model;
  Instrument in = must(instruments, "AAPL");
  const sys_seconds noon = *parse_instant("2025-02-20T17:00:00Z");  // 12:00 New York
  auto today = model.daily_bar(in, day("2025-02-20"), noon);
  auto minutes_ = model.intraday_bars(in, 1, day("2025-02-20"), day("2025-02-20"), noon);
  ASSERT_TRUE(today);
  ASSERT_EQ(minutes_.size(), 151u);  // 09:30 .. 12:00 inclusive
  EXPECT_EQ(today->close, minutes_.back().close);
  EXPECT_FALSE(model.daily_bar(in, day("2025-02-21"), noon));  // tomorrow does not exist yet
  auto before_open = model.daily_bar(in, day("2025-02-20"), *parse_instant("2025-02-20T14:00:00Z"));
  EXPECT_FALSE(before_open);
}

TEST(PriceModelTest, QuirkySymbolsHaveNullBars) {
  Instruments instruments;
  PriceModel model;
  auto count_nulls = [&](const char* symbol) {
    auto bars = model.daily_bars(must(instruments, symbol), day("2015-01-01"), day("2024-12-31"), kNow);
    return std::count_if(bars.begin(), bars.end(), [](const Bar& b) { return b.null; }) /
           static_cast<double>(bars.size());
  };
  EXPECT_NEAR(count_nulls("NULLY"), 1.0 / 5, 0.03);
  EXPECT_NEAR(count_nulls("QRKY"), 1.0 / 40, 0.01);
  EXPECT_EQ(count_nulls("AAPL"), 0);
}

TEST(PriceModelTest, JumpySymbolJumpsEightyPercentOnItsDay) {
  Instruments instruments;
  PriceModel model;
  Instrument in = must(instruments, "JUMPY");
  double before = model.daily_bar(in, day("2021-03-12"), kNow)->close;
  double after = model.daily_bar(in, day("2021-03-15"), kNow)->close;
  EXPECT_GT(after / before, 1.5);
}

TEST(PriceModelTest, CorporateActionsMatchTheRecordedOnes) {
  Instruments instruments;
  PriceModel model;
  auto splits = model.splits(must(instruments, "NVDA"), day("2021-01-01"), day("2021-12-31"));
  ASSERT_EQ(splits.size(), 1u);
  EXPECT_EQ(splits[0].ts.time_since_epoch().count(), 1626787800);
  EXPECT_EQ(splits[0].numerator, 4);
  auto msft = model.dividends(must(instruments, "MSFT"), day("2021-01-01"), day("2021-12-31"));
  auto recorded = testing::fixture_json(
      "yahoo/chart-MSFT-div-2021-TRIMMED.json")["chart"]["result"][0]["events"]["dividends"];
  ASSERT_EQ(msft.size(), recorded.size());
  for (const auto& d : msft) {
    std::string key = std::to_string(d.ts.time_since_epoch().count());
    ASSERT_TRUE(recorded.contains(key)) << key;
    EXPECT_DOUBLE_EQ(d.amount, recorded[key]["amount"].get<double>());
  }
  auto aapl = model.dividends(must(instruments, "AAPL"), day("2020-11-01"), day("2020-11-30"));
  ASSERT_EQ(aapl.size(), 1u);
  EXPECT_EQ(aapl[0].ts.time_since_epoch().count(), 1604673000);
  EXPECT_DOUBLE_EQ(aapl[0].amount, 0.205);
}

TEST(PriceModelTest, DividendsLowerTheAdjustedCloseBeforeTheExDate) {
  Instruments instruments;
  PriceModel model;
  auto bars = model.daily_bars(must(instruments, "DIVY"), day("2023-01-01"), day("2023-12-31"), kNow);
  ASSERT_FALSE(bars.empty());
  EXPECT_LT(bars.front().adj_close, bars.front().close);
  auto recent = model.daily_bars(must(instruments, "DIVY"), day("2025-02-18"), day("2025-02-19"), kNow);
  EXPECT_FLOAT_EQ(static_cast<float>(recent.back().adj_close), static_cast<float>(recent.back().close));
}

}  // namespace
}  // namespace pricefeed::sandbox
