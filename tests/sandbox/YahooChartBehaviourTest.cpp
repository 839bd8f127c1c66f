// What the chart endpoint serves: the model's bars, a real calendar, quirks on demand.
#include <gtest/gtest.h>

#include <map>

#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::day;
using namespace std::chrono;

class YahooChartBehaviourTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2025-02-20T15:00:00Z"); }

  struct Served {
    std::int64_t ts;
    json open, high, low, close, volume, adjclose;
  };
  static std::vector<Served> Bars(const std::string& symbol, std::int64_t p1, std::int64_t p2,
                                  const std::string& interval = "1d") {
    json r = sandbox_->get_json("/v8/finance/chart/" + symbol + "?interval=" + interval + "&period1=" +
                                std::to_string(p1) + "&period2=" + std::to_string(p2))["chart"]["result"][0];
    std::vector<Served> out;
    if (!r.contains("timestamp")) return out;
    const json& q = r["indicators"]["quote"][0];
    for (std::size_t i = 0; i < r["timestamp"].size(); ++i) {
      Served s{r["timestamp"][i].get<std::int64_t>(),
               q["open"][i],
               q["high"][i],
               q["low"][i],
               q["close"][i],
               q["volume"][i],
               r["indicators"].contains("adjclose") ? r["indicators"]["adjclose"][0]["adjclose"][i] : json()};
      out.push_back(s);
    }
    return out;
  }
};

constexpr std::int64_t k2021 = 1609459200, k2022 = 1640995200;

TEST_F(YahooChartBehaviourTest, SameDayGivesTheSameBarAcrossRanges) {
  auto year = Bars("AAPL", k2021, k2022);
  auto march = Bars("AAPL", 1614556800, 1617235200);
  std::map<std::int64_t, Served> by_ts;
  for (const auto& b : year)
    by_ts[b.ts] = b;
  ASSERT_GT(march.size(), 15u);
  for (const auto& b : march) {
    ASSERT_TRUE(by_ts.count(b.ts));
    EXPECT_EQ(by_ts[b.ts].open, b.open);
    EXPECT_EQ(by_ts[b.ts].high, b.high);
    EXPECT_EQ(by_ts[b.ts].low, b.low);
    EXPECT_EQ(by_ts[b.ts].close, b.close);
    EXPECT_EQ(by_ts[b.ts].volume, b.volume);
    EXPECT_EQ(by_ts[b.ts].adjclose, b.adjclose);
  }
}

TEST_F(YahooChartBehaviourTest, ServedBarsAreThePriceModelsBars) {
  auto& sb = sandbox_->sandbox();
  auto in = *sb.instruments().find("BTC-USD");
  auto truth = sb.model().daily_bars(in, day("2021-01-01"), day("2022-01-01"), sb.now());
  auto served = Bars("BTC-USD", k2021, k2022);
  ASSERT_EQ(truth.size(), served.size());
  for (std::size_t i = 0; i < truth.size(); ++i) {
    EXPECT_EQ(served[i].ts, truth[i].ts.time_since_epoch().count());
    EXPECT_EQ(served[i].open.get<double>(), truth[i].open);
    EXPECT_EQ(served[i].high.get<double>(), truth[i].high);
    EXPECT_EQ(served[i].low.get<double>(), truth[i].low);
    EXPECT_EQ(served[i].close.get<double>(), truth[i].close);
    EXPECT_EQ(served[i].volume.get<std::int64_t>(), truth[i].volume);
  }
}

TEST_F(YahooChartBehaviourTest, EquitiesHaveNoWeekendBarsAndOpenAt0930NewYork) {
  auto bars = Bars("SPY", k2021, k2022);
  EXPECT_EQ(bars.size(), 252u);  // NYSE trading days of 2021
  for (const auto& b : bars) {
    sys_seconds t{seconds{b.ts}};
    weekday wd{floor<days>(t)};
    EXPECT_TRUE(wd != Saturday && wd != Sunday);
    auto utc = t - floor<days>(t);
    EXPECT_TRUE(utc == hours{13} + minutes{30} || utc == hours{14} + minutes{30}) << b.ts;
  }
  // 2021-03-12 (EST) 14:30 UTC, 2021-03-15 (EDT) 13:30 UTC.
  auto around_dst = Bars("SPY", 1615507200, 1615852800);
  ASSERT_EQ(around_dst.size(), 2u);
  EXPECT_EQ(around_dst[0].ts, 1615559400);
  EXPECT_EQ(around_dst[1].ts, 1615815000);
}

TEST_F(YahooChartBehaviourTest, NullySymbolServesNullBars) {
  auto bars = Bars("NULLY", k2021, k2022);
  int nulls = 0;
  for (const auto& b : bars) {
    if (b.close.is_null()) {
      ++nulls;
      EXPECT_TRUE(b.open.is_null() && b.high.is_null() && b.low.is_null() && b.volume.is_null());
    }
  }
  EXPECT_GT(nulls, 20);
  EXPECT_LT(nulls, 100);
}

TEST_F(YahooChartBehaviourTest, EventsAreServedOnlyWhenAsked) {
  const std::string base = "/v8/finance/chart/SPLT?interval=1d&period1=1609459200&period2=1640995200";
  EXPECT_FALSE(sandbox_->get_json(base)["chart"]["result"][0].contains("events"));
  json events = sandbox_->get_json(base + "&events=div%7Csplit")["chart"]["result"][0]["events"];
  ASSERT_TRUE(events.contains("splits"));
  EXPECT_EQ(events["splits"]["1626787800"]["splitRatio"], "4:1");
  json divs = sandbox_->get_json(
      "/v8/finance/chart/DIVY?interval=1d&events=div&period1=1609459200&period2=1640995200");
  EXPECT_EQ(divs["chart"]["result"][0]["events"]["dividends"].size(), 4u);
}

TEST_F(YahooChartBehaviourTest, IntradayBarsFollowTheSession) {
  // Tue 2025-02-18 and Wed 2025-02-19: 390 one-minute bars a day, 7 hourly bars a day starting at :30.
  auto minutes_ = Bars("AAPL", 1739836800, 1740009599, "1m");
  EXPECT_EQ(minutes_.size(), 780u);
  for (const auto& b : minutes_) {
    auto utc = seconds{b.ts} - floor<days>(seconds{b.ts});
    EXPECT_GE(utc, hours{14} + minutes{30});
    EXPECT_LT(utc, hours{21});
  }
  auto hours_ = Bars("AAPL", 1739836800, 1740009599, "1h");
  ASSERT_EQ(hours_.size(), 14u);
  EXPECT_EQ(hours_[0].ts, 1739889000);
  EXPECT_EQ(hours_[1].ts, 1739892600);
  auto json_1m =
      sandbox_->get_json("/v8/finance/chart/AAPL?interval=1m&period1=1739836800&period2=1739923199");
  EXPECT_FALSE(json_1m["chart"]["result"][0]["indicators"].contains("adjclose"));
  EXPECT_EQ(json_1m["chart"]["result"][0]["meta"]["dataGranularity"], "1m");
}

TEST_F(YahooChartBehaviourTest, IntradayRangesBeyondYahoosLimitsAnswer422) {
  auto too_long = sandbox_->get("/v8/finance/chart/AAPL?interval=1m&period1=1738368000&period2=1739836800");
  EXPECT_EQ(too_long.status, 422u);
  EXPECT_NE(too_long.body.find("Only 7 days worth of 1m granularity data"), std::string::npos);
  auto too_old = sandbox_->get("/v8/finance/chart/AAPL?interval=1h&period1=1577836800&period2=1578009600");
  EXPECT_EQ(too_old.status, 422u);
  EXPECT_NE(too_old.body.find("within the last 730 days"), std::string::npos);
}

TEST_F(YahooChartBehaviourTest, BadParametersAnswer400) {
  auto interval = sandbox_->get("/v8/finance/chart/AAPL?interval=7m&period1=1577836800&period2=1578009600");
  EXPECT_EQ(interval.status, 400u);
  EXPECT_EQ(json::parse(interval.body)["chart"]["error"]["code"], "Bad Request");
  auto backwards = sandbox_->get("/v8/finance/chart/AAPL?interval=1d&period1=1578009600&period2=1577836800");
  EXPECT_EQ(backwards.status, 400u);
  EXPECT_NE(backwards.body.find("start date cannot be after end date"), std::string::npos);
}

TEST_F(YahooChartBehaviourTest, SymbolsAreCaseInsensitiveAndMayBeEncoded) {
  json lower =
      sandbox_->get_json("/v8/finance/chart/gc%3df?interval=1d&period1=1577836800&period2=1578009600");
  EXPECT_EQ(lower["chart"]["result"][0]["meta"]["symbol"], "GC=F");
  json idx =
      sandbox_->get_json("/v8/finance/chart/%5EGSPC?interval=1d&period1=1577836800&period2=1578009600");
  EXPECT_EQ(idx["chart"]["result"][0]["meta"]["instrumentType"], "INDEX");
  json brk = sandbox_->get_json("/v8/finance/chart/BRK-B?interval=1d&period1=1577836800&period2=1578009600");
  EXPECT_EQ(brk["chart"]["result"][0]["meta"]["exchangeName"], "NYQ");
}

TEST_F(YahooChartBehaviourTest, RangeParameterCountsBackFromNow) {
  json r = sandbox_->get_json("/v8/finance/chart/AAPL?interval=1d&range=5d")["chart"]["result"][0];
  EXPECT_EQ(r["meta"]["range"], "5d");
  EXPECT_GE(r["timestamp"].size(), 3u);
  EXPECT_LE(r["timestamp"].back().get<std::int64_t>(), 1740063600);
}

}  // namespace
}  // namespace pricefeed::sandbox
