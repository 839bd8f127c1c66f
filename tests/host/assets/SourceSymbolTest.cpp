#include "host/assets/SourceSymbol.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

const nlohmann::json kIds = {{"coingecko", "bitcoin"}, {"odd", 42}, {"empty", ""}, {"same", "BTC"}};

TEST(SourceSymbol, ASourceWithAnIdOfItsOwnIsAskedByIt) {
  EXPECT_EQ(symbol_for(kIds, "coingecko", "BTC"), "bitcoin");
  EXPECT_EQ(request_source_id(kIds, "coingecko", "BTC"), "bitcoin");
}

TEST(SourceSymbol, WithoutAnIdTheSymbolIsUsed) {
  EXPECT_EQ(symbol_for(kIds, "binance", "BTC"), "BTC");
  EXPECT_EQ(symbol_for(nlohmann::json::object(), "binance", "BTC"), "BTC");
  EXPECT_EQ(symbol_for(nlohmann::json(), "binance", "BTC"), "BTC") << "null source_ids";
  EXPECT_EQ(request_source_id(kIds, "binance", "BTC"), "") << "the plugin spells the symbol its own way";
}

TEST(SourceSymbol, AnEmptyIdMeansUseTheSymbol) {
  EXPECT_EQ(symbol_for(kIds, "empty", "BTC"), "BTC");
  EXPECT_EQ(request_source_id(kIds, "empty", "BTC"), "");
}

TEST(SourceSymbol, AnIdThatIsNotTextIsNoId) {
  EXPECT_EQ(symbol_for(kIds, "odd", "BTC"), "BTC");
  EXPECT_EQ(request_source_id(kIds, "odd", "BTC"), "");
}

TEST(SourceSymbol, ARequestOmitsAnIdThatIsTheSymbolItself) {
  EXPECT_EQ(symbol_for(kIds, "same", "BTC"), "BTC");
  EXPECT_EQ(request_source_id(kIds, "same", "BTC"), "");
}

TEST(SourceSymbol, StoredIdsThatAreNotAnObjectReadAsNone) {
  EXPECT_EQ(parse_source_ids(R"({"coingecko": "bitcoin"})"), (nlohmann::json{{"coingecko", "bitcoin"}}));
  for (const char* text : {"[]", "null", "\"bitcoin\"", "{broken", ""})
    EXPECT_EQ(parse_source_ids(text), nlohmann::json::object()) << text;
}

}  // namespace
}  // namespace pricefeed::host
