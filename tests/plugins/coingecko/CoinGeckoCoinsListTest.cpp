// /coins/list, and the compact index of it that symbol resolution keeps in the host's cache.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "coingecko/CoinGeckoCoinsListParser.hpp"
#include "coingecko/CoinGeckoFormatError.hpp"
#include "coingecko/CoinGeckoSymbolIndex.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::coingecko {
namespace {

using plugins::test::read_fixture;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(CoinGeckoCoinsList, ReadsTheOfficialExampleAndIgnoresPlatforms) {
  const auto coins =
      parse_coins_list(read_fixture("coingecko", "oas-example-coins-list-include_platform.json"));
  ASSERT_EQ(coins.size(), 2u);
  EXPECT_EQ(coins[0].id, "official-trump");
  EXPECT_EQ(coins[0].symbol, "trump");
  EXPECT_EQ(coins[0].name, "Official Trump");
  EXPECT_EQ(coins[1].id, "ondo-finance");
}

TEST(CoinGeckoCoinsList, ANullNameIsEmptyButIdAndSymbolAreRequired) {
  EXPECT_EQ(parse_coins_list(R"([{"id":"x","symbol":"x","name":null}])")[0].name, "");
  for (const char* body : {"{}", R"([{"symbol":"x","name":"X"}])", R"([{"id":"x","symbol":null,"name":"X"}])",
                           R"([{"id":7,"symbol":"x"}])", "[1]", R"([{"id":"x","symbol":"x","name":1}])",
                           R"([{"id":"bitcoin","symbol":"btc","name":"Bitcoin"},)"}) {
    SCOPED_TRACE(body);
    EXPECT_THROW(parse_coins_list(body), CoinGeckoFormatError);
  }
}

TEST(CoinGeckoSymbolIndex, GroupsIdsByLowerCaseSymbolInListOrder) {
  const std::string index = CoinGeckoSymbolIndex::build({
      {"bitcoin", "btc", "Bitcoin"},
      {"ethereum", "eth", "Ethereum"},
      {"batcat", "BTC", "batcat"},
      {"official-trump", "trump", "Official Trump"},
  });
  EXPECT_TRUE(CoinGeckoSymbolIndex::recognises(index));
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for(index, "btc"), ElementsAre("bitcoin", "batcat"));
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for(index, "BTC"), ElementsAre("bitcoin", "batcat"));
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for(index, "eth"), ElementsAre("ethereum"));
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for(index, "trump"), ElementsAre("official-trump"));
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for(index, "bt"), IsEmpty());
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for(index, "tc"), IsEmpty());
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for(index, ""), IsEmpty());
  EXPECT_EQ(CoinGeckoSymbolIndex::coin_count(index), 4u);
  EXPECT_LT(index.size(), 100u) << "compact: one line per symbol";
}

TEST(CoinGeckoSymbolIndex, LeavesOutWhatCouldBreakTheFormatOrAUrl) {
  const std::string index = CoinGeckoSymbolIndex::build({
      {"Bad Id", "bad", ""},
      {"a,b", "ab", ""},
      {"tabbed", "ta\tb", ""},
      {"lined", "li\nne", ""},
      {"empty", "", ""},
      {"fine", "ok", ""},
  });
  EXPECT_EQ(CoinGeckoSymbolIndex::coin_count(index), 1u);
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for(index, "ok"), ElementsAre("fine"));
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for(index, "bad"), IsEmpty());
}

TEST(CoinGeckoSymbolIndex, ATextOfAnotherVersionIsNotRead) {
  EXPECT_FALSE(CoinGeckoSymbolIndex::recognises("btc\tbitcoin\n"));
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for("btc\tbitcoin\n", "btc"), IsEmpty());
  EXPECT_EQ(CoinGeckoSymbolIndex::coin_count(""), 0u);
}

TEST(CoinGeckoSymbolIndex, TheRecordedListResolves) {
  const std::string index = CoinGeckoSymbolIndex::build(
      parse_coins_list(read_fixture("coingecko", "oas-example-coins-list-include_platform.json")));
  EXPECT_THAT(CoinGeckoSymbolIndex::ids_for(index, "ONDO"), ElementsAre("ondo-finance"));
}

// Found by tests/fuzz: nlohmann's out_of_range for a number beyond a double escaped the parser.
TEST(CoinGeckoCoinsList, ANumberBeyondADoubleIsAFormatError) {
  try {
    parse_coins_list(R"([{"id":"bitcoin","symbol":"btc","name":1e999}])");
    FAIL() << "expected a CoinGeckoFormatError";
  } catch (const CoinGeckoFormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not JSON"));
  }
}

}  // namespace
}  // namespace pricefeed::coingecko
