// CatalogMerge: one entry per (class, symbol), every source's id kept, the routing chain's preferred
// source naming the asset whatever order the catalogs arrive in, bad listings refused with a reason.
#include "host/catalog/CatalogMerge.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

Asset listing(std::string symbol, std::string source_id, std::string name, AssetClass asset_class,
              std::string currency = "USD") {
  Asset asset;
  asset.symbol = std::move(symbol);
  asset.source_id = std::move(source_id);
  asset.name = std::move(name);
  asset.asset_class = asset_class;
  asset.currency = std::move(currency);
  return asset;
}

RoutingConfig crypto_routing() {
  RoutingConfig routing;
  routing.sources_by_asset_class[AssetClass::crypto] = {"binance", "coingecko"};
  return routing;
}

TEST(CatalogMerge, EverySourcesIdIsKeptOnOneEntry) {
  const RoutingConfig routing = crypto_routing();
  CatalogMerge merge(routing);
  EXPECT_TRUE(merge.add("binance", listing("BTC", "BTCUSDT", "BTC", AssetClass::crypto, "USDT")));
  EXPECT_TRUE(merge.add("coingecko", listing("BTC", "bitcoin", "Bitcoin", AssetClass::crypto)));
  const auto entries = merge.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].asset_class, AssetClass::crypto);
  EXPECT_EQ(entries[0].symbol, "BTC");
  EXPECT_EQ(entries[0].source_ids,
            (std::map<std::string, std::string>{{"binance", "BTCUSDT"}, {"coingecko", "bitcoin"}}));
}

TEST(CatalogMerge, ThePreferredSourceNamesTheAssetWhateverTheOrder) {
  const RoutingConfig routing = crypto_routing();
  for (bool preferred_first : {true, false}) {
    CatalogMerge merge(routing);
    const Asset preferred = listing("ETH", "ETHUSDT", "ETH", AssetClass::crypto, "USDT");
    const Asset fallback = listing("ETH", "ethereum", "Ethereum", AssetClass::crypto, "USD");
    if (preferred_first) {
      merge.add("binance", preferred);
      merge.add("coingecko", fallback);
    } else {
      merge.add("coingecko", fallback);
      merge.add("binance", preferred);
    }
    const auto entries = merge.entries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].name, "ETH") << preferred_first;
    EXPECT_EQ(entries[0].currency, "USDT") << preferred_first;
  }
}

TEST(CatalogMerge, ASourceOutsideTheChainComesAfterThoseInIt) {
  const RoutingConfig routing = crypto_routing();
  CatalogMerge merge(routing);
  merge.add("dropped_in", listing("SOL", "sol", "sol (dropped-in)", AssetClass::crypto));
  merge.add("coingecko", listing("SOL", "solana", "Solana", AssetClass::crypto));
  EXPECT_EQ(merge.entries()[0].name, "Solana");
}

TEST(CatalogMerge, TheSameSymbolInTwoClassesIsTwoEntries) {
  const RoutingConfig routing = crypto_routing();
  CatalogMerge merge(routing);
  merge.add("yahoo", listing("COMP", "COMP", "Compass, Inc.", AssetClass::stock));
  merge.add("coingecko", listing("COMP", "compound-governance-token", "Compound", AssetClass::crypto));
  const auto entries = merge.entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].asset_class, AssetClass::crypto);  // ordered by class, then symbol
  EXPECT_EQ(entries[1].asset_class, AssetClass::stock);
}

TEST(CatalogMerge, ASourceListingOneSymbolTwiceKeepsItsFirstId) {
  const RoutingConfig routing = crypto_routing();
  CatalogMerge merge(routing);
  merge.add("coingecko", listing("UNI", "uniswap", "Uniswap", AssetClass::crypto));
  merge.add("coingecko", listing("UNI", "universe-token", "Universe", AssetClass::crypto));
  const auto entries = merge.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].source_ids.at("coingecko"), "uniswap");
}

TEST(CatalogMerge, AListingWithoutASourceIdIsKnownByItsSymbol) {
  const RoutingConfig routing = crypto_routing();
  CatalogMerge merge(routing);
  merge.add("yahoo", listing("AAPL", "", "Apple Inc.", AssetClass::stock));
  EXPECT_EQ(merge.entries()[0].source_ids.at("yahoo"), "AAPL");
}

TEST(CatalogMerge, BadListingsAreRefusedNamingSourceSymbolAndReason) {
  const RoutingConfig routing = crypto_routing();
  CatalogMerge merge(routing);
  EXPECT_FALSE(merge.add("yahoo", listing("AA/PL", "AA/PL", "Slashed", AssetClass::stock)));
  EXPECT_FALSE(merge.add("binance", listing("btc", "btcusdt", "lower case", AssetClass::crypto)));
  EXPECT_FALSE(
      merge.add("odd", listing("X", "X", "two classes",
                               static_cast<AssetClass>(PRICEFEED_CLASS_STOCK | PRICEFEED_CLASS_BOND))));
  EXPECT_TRUE(merge.entries().empty());
  ASSERT_EQ(merge.refused().size(), 3u);
  EXPECT_EQ(merge.refused()[0].source, "yahoo");
  EXPECT_EQ(merge.refused()[0].symbol, "AA/PL");
  EXPECT_THAT(merge.refused()[1].reason, HasSubstr("upper case"));
  EXPECT_THAT(merge.refused()[2].reason, HasSubstr("unknown asset class"));
}

}  // namespace
}  // namespace pricefeed::host
