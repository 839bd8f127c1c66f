// /coins/{id}/market_chart(/range) answers: the recorded ones and every way to be malformed.

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "coingecko/CoinGeckoFormatError.hpp"
#include "coingecko/CoinGeckoMarketChartParser.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::coingecko {
namespace {

using plugins::test::read_fixture;
using ::testing::HasSubstr;

TEST(CoinGeckoMarketChartParser, ReadsTheRecordedDailySeriesWithExponentNotation) {
  const CoinGeckoMarketChart chart =
      parse_market_chart(read_fixture("coingecko", "alephium-market_chart-alephium-btc-daily.json"));
  ASSERT_EQ(chart.prices.size(), 6u);
  ASSERT_EQ(chart.market_caps.size(), 6u);
  ASSERT_EQ(chart.total_volumes.size(), 6u);
  EXPECT_EQ(chart.prices[0].ms, 1702080000000);  // 2023-12-09 00:00 UTC
  EXPECT_DOUBLE_EQ(chart.prices[0].value, 1.6446899669484214e-05);
  EXPECT_EQ(chart.prices[5].ms, 1702476909000);  // the trailing "now" point
  EXPECT_DOUBLE_EQ(chart.total_volumes[0].value, 37.05462537510952);
  EXPECT_DOUBLE_EQ(chart.market_caps[4].value, 1169.6932210440375);
}

TEST(CoinGeckoMarketChartParser, ReadsTheOfficialExamplesOfBothEndpoints) {
  for (const char* name : {"oas-example-market-chart.json", "oas-example-market-chart-range.json"}) {
    SCOPED_TRACE(name);
    const CoinGeckoMarketChart chart = parse_market_chart(read_fixture("coingecko", name));
    ASSERT_EQ(chart.prices.size(), 2u);
    EXPECT_EQ(chart.prices[0].ms, 1779027899041);
    EXPECT_DOUBLE_EQ(chart.prices[1].value, 78052.87543398788);
    EXPECT_DOUBLE_EQ(chart.market_caps[0].value, 1560631481361.8042);
    EXPECT_DOUBLE_EQ(chart.total_volumes[1].value, 18974828816.446976);
  }
}

TEST(CoinGeckoMarketChartParser, NullIsAbsentAndMissingSeriesAreEmpty) {
  const CoinGeckoMarketChart chart = parse_market_chart(R"({"prices":[[86400000,null],[172800000,2.5]]})");
  ASSERT_EQ(chart.prices.size(), 2u);
  EXPECT_TRUE(std::isnan(chart.prices[0].value));
  EXPECT_DOUBLE_EQ(chart.prices[1].value, 2.5);
  EXPECT_TRUE(chart.market_caps.empty());
  EXPECT_TRUE(chart.total_volumes.empty());
  EXPECT_TRUE(parse_market_chart(R"({"prices":[],"market_caps":[],"total_volumes":[]})").prices.empty());
}

TEST(CoinGeckoMarketChartParser, AMalformedAnswerIsAFormatErrorNamingThePath) {
  struct Case {
    const char* body;
    const char* says;
  };
  for (const Case& c : {
           Case{R"({"prices":[[1702080000000,1.0],[1702166400000,)", "not JSON"},
           Case{"<html>502 Bad Gateway</html>", "not JSON"},
           Case{"[]", "expected an object"},
           Case{R"({"market_caps":[]})", "no \"prices\" array"},
           Case{R"({"prices":{}})", "prices: expected an array"},
           Case{R"({"prices":[[1702080000000]]})", "prices[0]: expected [milliseconds, value]"},
           Case{R"({"prices":[[1702080000000,1.0,2.0]]})", "prices[0]"},
           Case{R"({"prices":[["1702080000000",1.0]]})", "prices[0]"},
           Case{R"({"prices":[[1702080000000,"1.0"]]})", "prices[0]"},
           Case{R"({"prices":[[1.5,1.0]]})", "is not a time in milliseconds"},
           Case{R"({"prices":[[1e300,1.0]]})", "is not a time in milliseconds"},
           Case{R"({"prices":[],"total_volumes":[[1,2],3]})", "total_volumes[1]"},
       }) {
    SCOPED_TRACE(c.body);
    try {
      parse_market_chart(c.body);
      ADD_FAILURE() << "parsed";
    } catch (const CoinGeckoFormatError& e) {
      EXPECT_THAT(e.what(), HasSubstr(c.says));
    }
  }
}

// Found by tests/fuzz: nlohmann's out_of_range for a number beyond a double escaped the parser.
TEST(CoinGeckoMarketChartParser, ANumberBeyondADoubleIsAFormatError) {
  try {
    parse_market_chart(R"({"prices":[[1702080000000,1e999]]})");
    FAIL() << "expected a CoinGeckoFormatError";
  } catch (const CoinGeckoFormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not JSON"));
  }
}

}  // namespace
}  // namespace pricefeed::coingecko
