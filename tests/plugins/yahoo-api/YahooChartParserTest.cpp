// YahooChartParser against Yahoo's recorded answers (tests/fixtures/yahoo) and against variations of
// them for the quirks the recordings happen not to show (null entries, a missing adjclose).

#include "yahoo-api/YahooChartParser.hpp"

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pricefeed/error.hpp>

#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::yahoo {
namespace {

using nlohmann::json;
using plugins::test::read_yahoo_fixture;
using plugins::test::utc_midnight;
using ::testing::HasSubstr;

YahooChart parse_fixture(const std::string& name, Resolution resolution = Resolution::day) {
  return YahooChartParser(resolution).parse_text(read_yahoo_fixture(name));
}

json fixture_json(const std::string& name) {
  return json::parse(read_yahoo_fixture(name));
}

// Runs the parser and returns the pricefeed::Error it throws; fails the test when it throws none.
Error parse_error(const json& body, Resolution resolution = Resolution::day) {
  try {
    YahooChartParser(resolution).parse(body);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a pricefeed::Error";
  return Error::permanent("none thrown");
}

TEST(YahooChartParser, AppleDailyBarBecomesItsTradingDateWithRecordedValues) {
  const YahooChart chart = parse_fixture("chart-AAPL-2020-01-01-to-2020-01-03.json");
  ASSERT_EQ(chart.bars.size(), 1u);
  const Bar& bar = chart.bars[0];
  // Stamped 2020-01-02 14:30 UTC (09:30 New York): stored as 2020-01-02 00:00 UTC.
  EXPECT_EQ(bar.ts, utc_midnight(2020, 1, 2));
  EXPECT_DOUBLE_EQ(bar.open, 74.05999755859375);
  EXPECT_DOUBLE_EQ(bar.high, 75.1500015258789);
  EXPECT_DOUBLE_EQ(bar.low, 73.79750061035156);
  EXPECT_DOUBLE_EQ(bar.close, 75.0875015258789);
  EXPECT_DOUBLE_EQ(bar.adj_close, 72.71607208251953);
  EXPECT_DOUBLE_EQ(bar.volume, 135480400);
  EXPECT_TRUE(chart.actions.empty());
  EXPECT_TRUE(chart.warnings.empty());
}

TEST(YahooChartParser, ReadsMeta) {
  const YahooChartMeta meta = parse_fixture("chart-AAPL-2020-01-01-to-2020-01-03.json").meta;
  EXPECT_EQ(meta.symbol, "AAPL");
  EXPECT_EQ(meta.currency, "USD");
  EXPECT_EQ(meta.exchange_name, "NMS");
  EXPECT_EQ(meta.exchange_timezone_name, "America/New_York");
  EXPECT_EQ(meta.instrument_type, "EQUITY");
  EXPECT_EQ(meta.data_granularity, "1d");
  EXPECT_EQ(meta.gmtoffset, -18000);
  EXPECT_EQ(meta.first_trade_date, 345479400);
  EXPECT_DOUBLE_EQ(meta.regular_market_price, 244.87);
  EXPECT_EQ(meta.regular_market_time, 1739998801);
  EXPECT_DOUBLE_EQ(meta.regular_market_day_high, 246.01);
  EXPECT_DOUBLE_EQ(meta.regular_market_day_low, 243.16);
  EXPECT_DOUBLE_EQ(meta.regular_market_volume, 32129951);
  EXPECT_TRUE(std::isnan(meta.previous_close));  // only sent for some ranges
}

TEST(YahooChartParser, AppleFourForOneSplitAndDividend) {
  const YahooChart chart = parse_fixture("chart-AAPL-2020-08-31-to-2020-11-07.json");
  ASSERT_EQ(chart.bars.size(), 49u);
  EXPECT_EQ(chart.bars.front().ts, utc_midnight(2020, 8, 31));
  EXPECT_DOUBLE_EQ(chart.bars.front().close, 129.0399932861328);
  EXPECT_EQ(chart.bars.back().ts, utc_midnight(2020, 11, 6));
  EXPECT_DOUBLE_EQ(chart.bars.back().close, 118.69000244140625);
  EXPECT_DOUBLE_EQ(chart.bars.back().adj_close, 115.93415069580078);

  ASSERT_EQ(chart.actions.size(), 2u);
  const Action& split = chart.actions[0];
  EXPECT_EQ(split.kind, Action::Kind::split);
  EXPECT_EQ(split.ts, utc_midnight(2020, 8, 31));
  EXPECT_DOUBLE_EQ(split.numerator, 4);
  EXPECT_DOUBLE_EQ(split.denominator, 1);
  const Action& dividend = chart.actions[1];
  EXPECT_EQ(dividend.kind, Action::Kind::dividend);
  EXPECT_EQ(dividend.ts, utc_midnight(2020, 11, 6));
  EXPECT_DOUBLE_EQ(dividend.amount, 0.205);
}

TEST(YahooChartParser, MicrosoftFourDividendsOnTheirExDates) {
  const YahooChart chart = parse_fixture("chart-MSFT-div-2021-TRIMMED.json");
  EXPECT_EQ(chart.bars.size(), 19u);
  EXPECT_EQ(chart.bars.front().ts, utc_midnight(2021, 2, 1));
  EXPECT_EQ(chart.bars.back().ts, utc_midnight(2021, 2, 26));
  ASSERT_EQ(chart.actions.size(), 4u);
  const std::int64_t dates[] = {utc_midnight(2021, 2, 17), utc_midnight(2021, 5, 19),
                                utc_midnight(2021, 8, 18), utc_midnight(2021, 11, 17)};
  const double amounts[] = {0.56, 0.56, 0.56, 0.62};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(chart.actions[i].kind, Action::Kind::dividend) << i;
    // 2021-05-19 is stamped 13:30 UTC (09:30 EDT), the others 14:30 UTC (EST): one local date each.
    EXPECT_EQ(chart.actions[i].ts, dates[i]) << i;
    EXPECT_DOUBLE_EQ(chart.actions[i].amount, amounts[i]) << i;
  }
}

TEST(YahooChartParser, NvidiaSplitOnJulyTwentieth) {
  const YahooChart chart = parse_fixture("chart-NVDA-split-2021-TRIMMED.json");
  EXPECT_EQ(chart.bars.size(), 15u);
  ASSERT_EQ(chart.actions.size(), 1u);
  EXPECT_EQ(chart.actions[0].kind, Action::Kind::split);
  EXPECT_EQ(chart.actions[0].ts, utc_midnight(2021, 7, 20));
  EXPECT_DOUBLE_EQ(chart.actions[0].numerator, 4);
  EXPECT_DOUBLE_EQ(chart.actions[0].denominator, 1);
  EXPECT_DOUBLE_EQ(chart.bars.front().close, 20.512500762939453);
}

TEST(YahooChartParser, WeekendMinuteRangeHasNoBarsAndIsNoError) {
  const YahooChart chart = parse_fixture(
      "chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json", Resolution::minute);
  EXPECT_TRUE(chart.bars.empty());
  EXPECT_TRUE(chart.actions.empty());
  EXPECT_EQ(chart.meta.symbol, "AAPL");
  EXPECT_EQ(chart.meta.data_granularity, "1m");
  EXPECT_DOUBLE_EQ(chart.meta.previous_close, 244.47);
}

TEST(YahooChartParser, GoldFutureStampedAtNewYorkMidnightLandsOnItsTradingDate) {
  const YahooChart chart = parse_fixture("chart-GC=F-2020-01-01-to-2020-01-03.json");
  ASSERT_EQ(chart.bars.size(), 1u);
  // 1577941200 is 2020-01-02 05:00 UTC, 00:00 in New York.
  EXPECT_EQ(chart.bars[0].ts, utc_midnight(2020, 1, 2));
  EXPECT_DOUBLE_EQ(chart.bars[0].close, 1524.5);
  EXPECT_DOUBLE_EQ(chart.bars[0].volume, 214);
  EXPECT_EQ(chart.meta.instrument_type, "FUTURE");
  EXPECT_EQ(chart.meta.exchange_name, "CMX");
}

TEST(YahooChartParser, LondonListingKeepsPenceCurrency) {
  const YahooChart chart = parse_fixture("chart-OCDO.L-2020-01-01-to-2020-01-03.json");
  EXPECT_EQ(chart.meta.currency, "GBp");
  EXPECT_EQ(chart.meta.exchange_timezone_name, "Europe/London");
  ASSERT_EQ(chart.bars.size(), 1u);
  EXPECT_EQ(chart.bars[0].ts, utc_midnight(2020, 1, 2));  // stamped 08:00 London
  EXPECT_DOUBLE_EQ(chart.bars[0].close, 1259.5);
}

TEST(YahooChartParser, BitcoinDailyBarsStayAtUtcMidnight) {
  const YahooChart chart = parse_fixture("chart-BTC-USD-2020-01-01-to-2020-01-03.json");
  ASSERT_EQ(chart.bars.size(), 3u);
  EXPECT_EQ(chart.bars[0].ts, utc_midnight(2020, 1, 1));
  EXPECT_EQ(chart.bars[1].ts, utc_midnight(2020, 1, 2));
  EXPECT_EQ(chart.bars[2].ts, utc_midnight(2020, 1, 3));
  EXPECT_DOUBLE_EQ(chart.bars[0].close, 7200.17431640625);
  EXPECT_DOUBLE_EQ(chart.bars[2].volume, 28111481032);
  EXPECT_EQ(chart.meta.instrument_type, "CRYPTOCURRENCY");
}

TEST(YahooChartParser, ForexKeepsZeroVolumeAsZero) {
  const YahooChart chart = parse_fixture("chart-EURUSD=X-2020-01-01-to-2020-01-03.json");
  ASSERT_EQ(chart.bars.size(), 3u);
  EXPECT_EQ(chart.bars[0].ts, utc_midnight(2020, 1, 1));
  EXPECT_DOUBLE_EQ(chart.bars[0].close, 1.1220825910568237);
  EXPECT_DOUBLE_EQ(chart.bars[0].volume, 0);  // Yahoo's 0 is a value, unlike null
  EXPECT_EQ(chart.meta.instrument_type, "CURRENCY");
}

TEST(YahooChartParser, UnknownSymbolAnswerIsNotFound) {
  const Error error = parse_error(fixture_json("chart-404-unknown-symbol.FROM-LOG.json"));
  EXPECT_EQ(error.status(), Status::not_found);
  EXPECT_THAT(error.what(), HasSubstr("Not Found"));
  EXPECT_THAT(error.what(), HasSubstr("No data found, symbol may be delisted"));
}

// Every recorded chart answer: parsed (or refused as not found), with the invariants pricefeed
// relies on whatever the instrument.
TEST(YahooChartParser, EveryRecordedChartAnswerParses) {
  const std::vector<std::string> names = plugins::test::yahoo_chart_fixture_names();
  ASSERT_GE(names.size(), 10u);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const json body = fixture_json(name);
    if (name.find("404") != std::string::npos) {
      EXPECT_EQ(parse_error(body).status(), Status::not_found);
      continue;
    }
    const bool minute = name.find("interval-1m") != std::string::npos;
    const YahooChart chart = YahooChartParser(minute ? Resolution::minute : Resolution::day).parse(body);
    EXPECT_FALSE(chart.meta.symbol.empty());
    EXPECT_FALSE(chart.meta.currency.empty());
    EXPECT_FALSE(chart.meta.exchange_timezone_name.empty());
    EXPECT_TRUE(chart.warnings.empty());
    const std::size_t recorded = body["chart"]["result"][0].value("timestamp", json::array()).size();
    EXPECT_EQ(chart.bars.size(), recorded);
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
      const Bar& bar = chart.bars[i];
      if (!minute) {
        EXPECT_EQ(bar.ts % 86400, 0) << "bar " << i << " is not at UTC midnight";
      }
      if (i > 0) {
        EXPECT_LT(chart.bars[i - 1].ts, bar.ts) << "bar " << i;
      }
      EXPECT_GT(bar.close, 0) << "bar " << i;
      EXPECT_LE(bar.low, bar.high) << "bar " << i;
    }
    for (const Action& action : chart.actions)
      EXPECT_EQ(action.ts % 86400, 0);
  }
}

TEST(YahooChartParser, IntradayBarsKeepTheirRealInstant) {
  const YahooChart chart = parse_fixture("chart-AAPL-2020-01-01-to-2020-01-03.json", Resolution::hour);
  ASSERT_EQ(chart.bars.size(), 1u);
  EXPECT_EQ(chart.bars[0].ts, 1577975400);
  // Actions are dated whatever the bars' resolution.
  const YahooChart split = parse_fixture("chart-NVDA-split-2021-TRIMMED.json", Resolution::minute);
  EXPECT_EQ(split.bars.front().ts, 1626096600);
  EXPECT_EQ(split.actions.at(0).ts, utc_midnight(2021, 7, 20));
}

TEST(YahooChartParser, NullCloseSkipsTheBarAndOtherNullsBecomeAbsent) {
  json body = fixture_json("chart-BTC-USD-2020-01-01-to-2020-01-03.json");
  json& quote = body["chart"]["result"][0]["indicators"]["quote"][0];
  quote["close"][1] = nullptr;
  quote["open"][2] = nullptr;
  quote["high"][2] = nullptr;
  quote["low"][2] = nullptr;
  quote["volume"][0] = nullptr;
  body["chart"]["result"][0]["indicators"]["adjclose"][0]["adjclose"][2] = nullptr;

  const YahooChart chart = YahooChartParser(Resolution::day).parse(body);
  ASSERT_EQ(chart.bars.size(), 2u);
  EXPECT_EQ(chart.bars[0].ts, utc_midnight(2020, 1, 1));
  EXPECT_TRUE(std::isnan(chart.bars[0].volume));
  EXPECT_DOUBLE_EQ(chart.bars[0].close, 7200.17431640625);
  EXPECT_EQ(chart.bars[1].ts, utc_midnight(2020, 1, 3));  // 2020-01-02 had no close
  EXPECT_TRUE(std::isnan(chart.bars[1].open));
  EXPECT_TRUE(std::isnan(chart.bars[1].high));
  EXPECT_TRUE(std::isnan(chart.bars[1].low));
  EXPECT_TRUE(std::isnan(chart.bars[1].adj_close));
  EXPECT_DOUBLE_EQ(chart.bars[1].close, 7344.88427734375);
}

TEST(YahooChartParser, NullTimestampSkipsTheBar) {
  json body = fixture_json("chart-BTC-USD-2020-01-01-to-2020-01-03.json");
  body["chart"]["result"][0]["timestamp"][0] = nullptr;
  EXPECT_EQ(YahooChartParser(Resolution::day).parse(body).bars.size(), 2u);
}

TEST(YahooChartParser, MissingAdjcloseLeavesAdjustedCloseAbsent) {
  json body = fixture_json("chart-AAPL-2020-08-31-to-2020-11-07.json");
  body["chart"]["result"][0]["indicators"].erase("adjclose");
  const YahooChart chart = YahooChartParser(Resolution::day).parse(body);
  ASSERT_EQ(chart.bars.size(), 49u);
  for (const Bar& bar : chart.bars)
    EXPECT_TRUE(std::isnan(bar.adj_close));
}

TEST(YahooChartParser, TwoBarsOnOneTradingDateKeepTheLaterOne) {
  json body = fixture_json("chart-BTC-USD-2020-01-01-to-2020-01-03.json");
  // A live bar for 2020-01-03 stamped at 15:00 UTC after the day's own bar.
  json& result = body["chart"]["result"][0];
  result["timestamp"].push_back(1578063600);
  for (const char* name : {"open", "high", "low", "close", "volume"})
    result["indicators"]["quote"][0][name].push_back(7400.0);
  result["indicators"]["adjclose"][0]["adjclose"].push_back(7400.0);

  const YahooChart chart = YahooChartParser(Resolution::day).parse(body);
  ASSERT_EQ(chart.bars.size(), 3u);
  EXPECT_EQ(chart.bars[2].ts, utc_midnight(2020, 1, 3));
  EXPECT_DOUBLE_EQ(chart.bars[2].close, 7400.0);
  ASSERT_EQ(chart.warnings.size(), 1u);
  EXPECT_THAT(chart.warnings[0], HasSubstr("2020-01-03"));
}

TEST(YahooChartParser, UnknownTimeZoneFallsBackToTheOffsetWithAWarning) {
  json body = fixture_json("chart-GC=F-2020-01-01-to-2020-01-03.json");
  body["chart"]["result"][0]["meta"]["exchangeTimezoneName"] = "Mars/Olympus_Mons";
  const YahooChart chart = YahooChartParser(Resolution::day).parse(body);
  ASSERT_EQ(chart.bars.size(), 1u);
  EXPECT_EQ(chart.bars[0].ts, utc_midnight(2020, 1, 2));  // gmtoffset -18000 gives the same date
  ASSERT_EQ(chart.warnings.size(), 1u);
  EXPECT_THAT(chart.warnings[0], HasSubstr("Mars/Olympus_Mons"));
  EXPECT_THAT(chart.warnings[0], HasSubstr("UTC-05:00"));
}

TEST(YahooChartParser, SplitRatioIsReadFromSplitRatioWhenNumbersAreMissing) {
  json body = fixture_json("chart-NVDA-split-2021-TRIMMED.json");
  json& split = body["chart"]["result"][0]["events"]["splits"]["1626787800"];
  split.erase("numerator");
  split.erase("denominator");
  split["splitRatio"] = "1:10";
  const YahooChart chart = YahooChartParser(Resolution::day).parse(body);
  ASSERT_EQ(chart.actions.size(), 1u);
  EXPECT_DOUBLE_EQ(chart.actions[0].numerator, 1);
  EXPECT_DOUBLE_EQ(chart.actions[0].denominator, 10);
}

TEST(YahooChartParser, OtherChartErrorsArePermanent) {
  const json body = json::parse(
      R"({"chart":{"result":null,"error":{"code":"Unprocessable Entity","description":"1m data not available"}}})");
  const Error error = parse_error(body, Resolution::minute);
  EXPECT_EQ(error.status(), Status::permanent);
  EXPECT_THAT(error.what(), HasSubstr("Unprocessable Entity"));
  EXPECT_THAT(error.what(), HasSubstr("1m data not available"));
}

TEST(YahooChartParser, MalformedStructureNamesWhatIsWrong) {
  struct Case {
    const char* what;
    std::function<void(json&)> damage;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"no chart", [](json& b) { b.erase("chart"); }, "chart is missing"},
      {"no result", [](json& b) { b["chart"]["result"] = nullptr; }, "chart.result is missing"},
      {"empty result", [](json& b) { b["chart"]["result"] = json::array(); }, "chart.result is empty"},
      {"no meta", [](json& b) { b["chart"]["result"][0].erase("meta"); }, "chart.result[0].meta is missing"},
      {"no quote", [](json& b) { b["chart"]["result"][0]["indicators"].erase("quote"); },
       "chart.result[0].indicators.quote is missing"},
      {"no close", [](json& b) { b["chart"]["result"][0]["indicators"]["quote"][0].erase("close"); },
       "chart.result[0].indicators.quote[0].close is missing"},
      {"short close", [](json& b) { b["chart"]["result"][0]["indicators"]["quote"][0]["close"].erase(0); },
       "chart.result[0].indicators.quote[0].close has 2 entries for 3 timestamps"},
      {"text price", [](json& b) { b["chart"]["result"][0]["indicators"]["quote"][0]["open"][1] = "7202.5"; },
       "chart.result[0].indicators.quote[0].open[1] is a string, expected a number or null"},
      {"text timestamp", [](json& b) { b["chart"]["result"][0]["timestamp"][0] = "1577836800"; },
       "chart.result[0].timestamp[0] is a string"},
      {"timestamps not a list", [](json& b) { b["chart"]["result"][0]["timestamp"] = json::object(); },
       "chart.result[0].timestamp is an object, expected an array"},
      {"dividend without amount",
       [](json& b) {
         b["chart"]["result"][0]["events"]["dividends"]["1577836800"] = {{"date", 1577836800}};
       },
       "chart.result[0].events.dividends[\"1577836800\"].amount is missing"},
      {"no time zone at all",
       [](json& b) {
         b["chart"]["result"][0]["meta"].erase("exchangeTimezoneName");
         b["chart"]["result"][0]["meta"].erase("gmtoffset");
       },
       "neither exchangeTimezoneName nor gmtoffset"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    json body = fixture_json("chart-BTC-USD-2020-01-01-to-2020-01-03.json");
    c.damage(body);
    const Error error = parse_error(body);
    EXPECT_EQ(error.status(), Status::permanent);
    EXPECT_THAT(error.what(), HasSubstr(c.message));
  }
}

TEST(YahooChartParser, TextThatIsNotJsonIsTransientAndQuoted) {
  try {
    YahooChartParser(Resolution::day).parse_text(std::string_view("<html><body>Will be right back\n</body>"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::transient);
    EXPECT_THAT(e.what(), HasSubstr("not JSON"));
    EXPECT_THAT(e.what(), HasSubstr("'<html><body>Will be right back </body>'"));
  }
}

// Found by tests/fuzz/yahoo_chart_parser_fuzz: nlohmann refuses a number beyond a double with
// out_of_range, not parse_error, and it escaped the parser as an undocumented exception.
TEST(YahooChartParser, ANumberBeyondADoubleIsTransientNotAnEscapingException) {
  try {
    YahooChartParser(Resolution::day)
        .parse_text(std::string_view(R"({"chart":{"result":null,"error":{"code":1e999}}})"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::transient);
    EXPECT_THAT(e.what(), HasSubstr("not JSON"));
    EXPECT_THAT(e.what(), HasSubstr("1e999"));
  }
}

}  // namespace
}  // namespace pricefeed::yahoo
