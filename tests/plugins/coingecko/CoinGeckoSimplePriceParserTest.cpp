// /simple/price answers: the recorded ones, coins without a price, and malformed bodies.

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "coingecko/CoinGeckoFormatError.hpp"
#include "coingecko/CoinGeckoSimplePriceParser.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::coingecko {
namespace {

using plugins::test::read_fixture;
using ::testing::HasSubstr;

TEST(CoinGeckoSimplePriceParser, ReadsTheOfficialExampleWithEveryExtra) {
  const auto prices = parse_simple_price(read_fixture("coingecko", "oas-example-simple-price.json"), "usd");
  ASSERT_EQ(prices.size(), 1u);
  const CoinGeckoSimplePrice& btc = prices.at("bitcoin");
  EXPECT_DOUBLE_EQ(btc.price, 76975);
  EXPECT_DOUBLE_EQ(btc.market_cap, 1542226908349.8406);
  EXPECT_DOUBLE_EQ(btc.volume_24h, 29096603418.89408);
  EXPECT_DOUBLE_EQ(btc.change_24h_percent, -1.4093297098441402);
  EXPECT_EQ(btc.last_updated_at, 1779092258);
}

TEST(CoinGeckoSimplePriceParser, ReadsTheRecordedBitcoinPricedAnswer) {
  const auto prices = parse_simple_price(read_fixture("coingecko", "alephium-simple-price-btc.json"), "btc");
  ASSERT_EQ(prices.size(), 7u);
  EXPECT_DOUBLE_EQ(prices.at("alephium").price, 2.013E-5);
  EXPECT_DOUBLE_EQ(prices.at("wrapped-bitcoin").price, 1.000324);
  EXPECT_TRUE(std::isnan(prices.at("alephium").volume_24h)) << "not asked for, so absent";
  EXPECT_FALSE(prices.at("alephium").last_updated_at);
  // Read in another currency, the same answer has no prices.
  EXPECT_TRUE(
      std::isnan(parse_simple_price(read_fixture("coingecko", "alephium-simple-price-btc.json"), "usd")
                     .at("tether")
                     .price));
}

TEST(CoinGeckoSimplePriceParser, CoinsWithoutAPriceAreKeptForTheCallerToSkip) {
  const auto prices =
      parse_simple_price(R"({"a":{},"b":{"usd":null,"last_updated_at":null},"c":{"usd":2}})", "usd");
  ASSERT_EQ(prices.size(), 3u);
  EXPECT_TRUE(std::isnan(prices.at("a").price));
  EXPECT_TRUE(std::isnan(prices.at("b").price));
  EXPECT_FALSE(prices.at("b").last_updated_at);
  EXPECT_DOUBLE_EQ(prices.at("c").price, 2);
  EXPECT_TRUE(parse_simple_price("{}", "usd").empty());
}

TEST(CoinGeckoSimplePriceParser, AMalformedAnswerIsAFormatError) {
  for (const char* body : {"", R"({"bitcoin":{"usd":7)", "[]", R"({"bitcoin":42})",
                           R"({"bitcoin":{"usd":"42"}})", R"({"bitcoin":{"usd":1,"usd_24h_vol":[1]}})"}) {
    SCOPED_TRACE(body);
    EXPECT_THROW(parse_simple_price(body, "usd"), CoinGeckoFormatError);
  }
  try {
    parse_simple_price(R"({"bitcoin":{"usd":"42"}})", "usd");
  } catch (const CoinGeckoFormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("bitcoin.usd: expected a number"));
  }
}

// Found by tests/fuzz: nlohmann's out_of_range for a number beyond a double escaped the parser.
TEST(CoinGeckoSimplePriceParser, ANumberBeyondADoubleIsAFormatError) {
  try {
    parse_simple_price(R"({"bitcoin":{"usd":17790271e9991}})", "usd");
    FAIL() << "expected a CoinGeckoFormatError";
  } catch (const CoinGeckoFormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not JSON"));
  }
}

}  // namespace
}  // namespace pricefeed::coingecko
