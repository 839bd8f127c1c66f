// The chart answers have the recorded answers' shape (tests/fixtures/yahoo/chart-*.json).
#include <gtest/gtest.h>

#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::fixture_json;
using testing::join;
using testing::structure_differences;

// The recordings were made in February 2025: the sandbox's clock stands there too.
class YahooChartFormatTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2025-02-20T15:00:00Z"); }

  void ExpectSameShape(const std::string& fixture, const std::string& target) {
    json expected = fixture_json("yahoo/" + fixture);
    json actual = sandbox_->get_json(target);
    auto diff = structure_differences(expected, actual);
    EXPECT_TRUE(diff.empty()) << fixture << " vs " << target << ":\n"
                              << join(diff) << actual.dump().substr(0, 3000);
  }
  std::vector<std::int64_t> Timestamps(const json& j) {
    return j["chart"]["result"][0].value("timestamp", std::vector<std::int64_t>{});
  }
  void ExpectSameTimestamps(const std::string& fixture, const std::string& target) {
    EXPECT_EQ(Timestamps(fixture_json("yahoo/" + fixture)), Timestamps(sandbox_->get_json(target))) << target;
  }
};

constexpr const char* kJan2020 =
    "?interval=1d&includePrePost=true&events=div%7Csplit%7Cearn&period1=1577836800&period2=1578009600";

TEST_F(YahooChartFormatTest, EquityDailyAnswerHasTheRecordedShape) {
  ExpectSameShape("chart-AAPL-2020-01-01-to-2020-01-03.json",
                  std::string("/v8/finance/chart/AAPL") + kJan2020);
  ExpectSameShape("chart-AAPL-2020-01-01-to-2020-01-03.json",
                  std::string("/v8/finance/chart/MSFT") + kJan2020);
}

TEST_F(YahooChartFormatTest, EquityAnswerWithDividendsAndSplitsHasTheRecordedShape) {
  ExpectSameShape(
      "chart-AAPL-2020-08-31-to-2020-11-07.json",
      "/v8/finance/chart/AAPL?interval=1d&events=div%7Csplit&period1=1598832000&period2=1604707200");
}

TEST_F(YahooChartFormatTest, FuturesForexCryptoAndLondonAnswersHaveTheRecordedShape) {
  ExpectSameShape("chart-GC=F-2020-01-01-to-2020-01-03.json",
                  std::string("/v8/finance/chart/GC%3DF") + kJan2020);
  ExpectSameShape("chart-GC=F-2020-01-01-to-2020-01-03.json",
                  std::string("/v8/finance/chart/CL=F") + kJan2020);
  ExpectSameShape("chart-EURUSD=X-2020-01-01-to-2020-01-03.json",
                  std::string("/v8/finance/chart/EURUSD%3DX") + kJan2020);
  ExpectSameShape("chart-EURUSD=X-2020-01-01-to-2020-01-03.json",
                  std::string("/v8/finance/chart/GBPJPY=X") + kJan2020);
  ExpectSameShape("chart-BTC-USD-2020-01-01-to-2020-01-03.json",
                  std::string("/v8/finance/chart/BTC-USD") + kJan2020);
  ExpectSameShape("chart-BTC-USD-2020-01-01-to-2020-01-03.json",
                  std::string("/v8/finance/chart/ETH-EUR") + kJan2020);
  ExpectSameShape("chart-OCDO.L-2020-01-01-to-2020-01-03.json",
                  std::string("/v8/finance/chart/OCDO.L") + kJan2020);
}

TEST_F(YahooChartFormatTest, WeekendMinuteRangeHasNoTimestampsAndAnEmptyQuote) {
  const std::string target =
      "/v8/finance/chart/AAPL?interval=1m&includePrePost=false&period1=1738368000&period2=1738454400";
  ExpectSameShape("chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json", target);
  json j = sandbox_->get_json(target);
  EXPECT_FALSE(j["chart"]["result"][0].contains("timestamp"));
  EXPECT_EQ(j["chart"]["result"][0]["indicators"], json::parse(R"({"quote":[{}]})"));
}

TEST_F(YahooChartFormatTest, TrimmedDividendAndSplitAnswersHaveTheRecordedShape) {
  // Feb 2021 for the bars; the events are compared in full below.
  ExpectSameShape("chart-MSFT-div-2021-TRIMMED.json",
                  "/v8/finance/chart/MSFT?interval=1d&events=div&period1=1612137600&period2=1614470400");
  json msft = sandbox_->get_json(
      "/v8/finance/chart/MSFT?interval=1d&events=div&period1=1609459200&period2=1640995200");
  EXPECT_EQ(msft["chart"]["result"][0]["events"],
            fixture_json("yahoo/chart-MSFT-div-2021-TRIMMED.json")["chart"]["result"][0]["events"]);
  json nvda = sandbox_->get_json(
      "/v8/finance/chart/NVDA?interval=1d&events=split&period1=1609459200&period2=1640995200");
  EXPECT_EQ(nvda["chart"]["result"][0]["events"],
            fixture_json("yahoo/chart-NVDA-split-2021-TRIMMED.json")["chart"]["result"][0]["events"]);
}

TEST_F(YahooChartFormatTest, TimestampsFollowTheRecordedCalendars) {
  ExpectSameTimestamps("chart-AAPL-2020-01-01-to-2020-01-03.json",
                       std::string("/v8/finance/chart/AAPL") + kJan2020);
  ExpectSameTimestamps("chart-AAPL-2020-08-31-to-2020-11-07.json",
                       "/v8/finance/chart/AAPL?interval=1d&period1=1598832000&period2=1604707200");
  ExpectSameTimestamps("chart-GC=F-2020-01-01-to-2020-01-03.json",
                       std::string("/v8/finance/chart/GC=F") + kJan2020);
  ExpectSameTimestamps("chart-EURUSD=X-2020-01-01-to-2020-01-03.json",
                       std::string("/v8/finance/chart/EURUSD=X") + kJan2020);
  ExpectSameTimestamps("chart-BTC-USD-2020-01-01-to-2020-01-03.json",
                       std::string("/v8/finance/chart/BTC-USD") + kJan2020);
  ExpectSameTimestamps("chart-OCDO.L-2020-01-01-to-2020-01-03.json",
                       std::string("/v8/finance/chart/OCDO.L") + kJan2020);
  ExpectSameTimestamps("chart-MSFT-div-2021-TRIMMED.json",
                       "/v8/finance/chart/MSFT?interval=1d&period1=1612137600&period2=1614470400");
  ExpectSameTimestamps("chart-NVDA-split-2021-TRIMMED.json",
                       "/v8/finance/chart/NVDA?interval=1d&period1=1626048000&period2=1627689600");
}

TEST_F(YahooChartFormatTest, MetaDescribesTheInstrumentLikeTheRecording) {
  json meta =
      sandbox_->get_json(std::string("/v8/finance/chart/AAPL") + kJan2020)["chart"]["result"][0]["meta"];
  json recorded =
      fixture_json("yahoo/chart-AAPL-2020-01-01-to-2020-01-03.json")["chart"]["result"][0]["meta"];
  for (const char* key : {"currency", "symbol", "exchangeName", "fullExchangeName", "instrumentType",
                          "firstTradeDate", "gmtoffset", "timezone", "exchangeTimezoneName", "priceHint",
                          "dataGranularity", "range", "validRanges", "currentTradingPeriod"}) {
    EXPECT_EQ(meta[key], recorded[key]) << key;
  }
  json london =
      sandbox_->get_json(std::string("/v8/finance/chart/OCDO.L") + kJan2020)["chart"]["result"][0]["meta"];
  EXPECT_EQ(london["currency"], "GBp");
  EXPECT_EQ(london["firstTradeDate"], 1279695600);
}

TEST_F(YahooChartFormatTest, UnknownSymbolAnswers404WithTheRecordedBody) {
  for (const char* symbol : {"NOSUCH", "UNKNOWN", "BRK.B", "TOOLONGSYMBOL1", "A%20B", "XYZ=Q"}) {
    auto r = sandbox_->get(std::string("/v8/finance/chart/") + symbol + kJan2020);
    EXPECT_EQ(r.status, 404u) << symbol;
    EXPECT_EQ(json::parse(r.body), fixture_json("yahoo/chart-404-unknown-symbol.FROM-LOG.json")) << symbol;
  }
}

}  // namespace
}  // namespace pricefeed::sandbox
