// SymbolPattern: what each asset class accepts, and that nothing able to change a URL gets through.

#include "host/events/SymbolPattern.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

void expect_accepted(AssetClass asset_class, std::initializer_list<std::string_view> symbols) {
  for (std::string_view symbol : symbols) {
    EXPECT_EQ(symbol_problem(asset_class, symbol), std::nullopt)
        << asset_class_name(asset_class) << " " << symbol;
  }
}

void expect_refused(AssetClass asset_class, std::initializer_list<std::string_view> symbols) {
  for (std::string_view symbol : symbols) {
    EXPECT_NE(symbol_problem(asset_class, symbol), std::nullopt)
        << asset_class_name(asset_class) << " " << symbol;
  }
}

TEST(SymbolPattern, StocksAreTickersWithExchangeSuffixesAndShareClasses) {
  expect_accepted(AssetClass::stock,
                  {"AAPL", "BRK.B", "BRK-B", "OCDO.L", "0700.HK", "005930.KS", "^GSPC", "A"});
  expect_refused(AssetClass::stock, {"", ".L", "AAPL.", "BRK..B", "BRK.-B", "^", "^^TNX", "AA^PL", "GC=F",
                                     "OIL_WTI", "ABCDEFGHIJKLMNOPQRSTU"});
}

TEST(SymbolPattern, BondsLikeStocksIncludingYieldIndices) {
  expect_accepted(AssetClass::bond, {"^TNX", "^IRX", "TLT", "IEF"});
  expect_refused(AssetClass::bond, {"US 10Y", "ZN=F"});
}

TEST(SymbolPattern, CryptoIsTheCoinTickerAlone) {
  expect_accepted(AssetClass::crypto, {"BTC", "ETH", "1INCH", "USDT"});
  expect_refused(AssetClass::crypto, {"BTC-USD", "BTC/USDT", "BTC.X", "bitcoin"});
}

TEST(SymbolPattern, ForexIsSixLettersOfTwoDifferentCurrencies) {
  expect_accepted(AssetClass::forex, {"EURUSD", "GBPJPY"});
  expect_refused(AssetClass::forex, {"EURUSD=X", "EUR/USD", "EUR", "EURUS1", "USDUSD"});
  EXPECT_EQ(symbol_problem(AssetClass::forex, "USDUSD"), "USDUSD quotes a currency against itself");
}

TEST(SymbolPattern, CommoditiesAreCanonicalNamesOrFutures) {
  expect_accepted(AssetClass::commodity, {"GOLD", "OIL_WTI", "NATURAL_GAS", "GC=F", "CL=F", "ZC=F"});
  expect_refused(AssetClass::commodity,
                 {"_GOLD", "GOLD_", "OIL__WTI", "1GOLD", "=F", "GC=X", "GOLDFUTURE=F"});
}

TEST(SymbolPattern, NothingThatChangesAUrlPassesInAnyClass) {
  for (const AssetClass asset_class : kAssetClasses) {
    expect_refused(asset_class, {"A/B", "A?B", "A&B", "A#B", "A%2FB", "..", "A..B", "A B", "A\tB",
                                 std::string_view("A\0B", 3),
                                 "A\x7f"
                                 "B",
                                 "A\xc2\x85"
                                 "B",
                                 "A\\B", "A+B"});
  }
}

TEST(SymbolPattern, NamesTheOffendingCharacter) {
  EXPECT_EQ(symbol_problem(AssetClass::stock, "A%2FB"), "A%2FB contains '%', which no symbol may contain");
  EXPECT_EQ(symbol_problem(AssetClass::crypto, "BTC\xc3\xa9"),
            "\"BTC\xc3\xa9\" contains a character outside ASCII");
  EXPECT_EQ(symbol_problem(AssetClass::stock, ""), "is empty");
  EXPECT_EQ(symbol_problem(AssetClass::stock, std::string(33, 'A')),
            std::string(33, 'A') + " is longer than 32 characters");
}

TEST(SymbolPattern, SuggestsUpperCaseInsteadOfFoldingSilently) {
  EXPECT_EQ(symbol_problem(AssetClass::stock, "ocdo.l"), "ocdo.l must be upper case (OCDO.L)");
}

}  // namespace
}  // namespace pricefeed::host
