// /coins/markets answers: the recorded one and its variants.

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "coingecko/CoinGeckoCoinsMarketsParser.hpp"
#include "coingecko/CoinGeckoFormatError.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::coingecko {
namespace {

using plugins::test::read_fixture;
using ::testing::HasSubstr;

TEST(CoinGeckoCoinsMarketsParser, ReadsTheOfficialExample) {
  const auto coins = parse_coins_markets(read_fixture("coingecko", "oas-example-coins-markets.json"));
  ASSERT_EQ(coins.size(), 1u);
  EXPECT_EQ(coins[0].id, "bitcoin");
  EXPECT_EQ(coins[0].symbol, "btc");
  EXPECT_EQ(coins[0].name, "Bitcoin");
  EXPECT_EQ(coins[0].rank, 1);
  EXPECT_DOUBLE_EQ(coins[0].current_price, 77671);
  EXPECT_DOUBLE_EQ(coins[0].market_cap, 1555886872303);
  EXPECT_DOUBLE_EQ(coins[0].total_volume, 33235034316);
}

TEST(CoinGeckoCoinsMarketsParser, UnrankedCoinsHaveRankZeroAndAbsentNumbers) {
  const auto coins = parse_coins_markets(
      R"([{"id":"x","symbol":"x","name":"X","market_cap_rank":null,"current_price":null,"market_cap":null}])");
  ASSERT_EQ(coins.size(), 1u);
  EXPECT_EQ(coins[0].rank, 0);
  EXPECT_TRUE(std::isnan(coins[0].current_price));
  EXPECT_TRUE(std::isnan(coins[0].total_volume));
  EXPECT_TRUE(parse_coins_markets("[]").empty());
}

TEST(CoinGeckoCoinsMarketsParser, AMalformedAnswerIsAFormatError) {
  for (const char* body :
       {"{}", "[1]", R"([{"symbol":"x","name":"X"}])", R"([{"id":"x","symbol":"x","name":null}])",
        R"([{"id":"x","symbol":"x","name":"X","market_cap_rank":"1"}])", "[{"}) {
    SCOPED_TRACE(body);
    EXPECT_THROW(parse_coins_markets(body), CoinGeckoFormatError);
  }
}

// Found by tests/fuzz: nlohmann's out_of_range for a number beyond a double escaped the parser.
TEST(CoinGeckoCoinsMarketsParser, ANumberBeyondADoubleIsAFormatError) {
  try {
    parse_coins_markets(R"([{"id":"bitcoin","symbol":"btc","name":"Bitcoin","current_price":1e999}])");
    FAIL() << "expected a CoinGeckoFormatError";
  } catch (const CoinGeckoFormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not JSON"));
  }
}

}  // namespace
}  // namespace pricefeed::coingecko
