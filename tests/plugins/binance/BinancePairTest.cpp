// Which Binance pair a pricefeed symbol means, and what never reaches a URL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pricefeed/error.hpp>

#include "binance/BinancePair.hpp"

namespace pricefeed::binance {
namespace {

using ::testing::HasSubstr;

TEST(BinancePair, ACoinIsPairedWithTheQuoteAsset) {
  EXPECT_EQ(binance_pair("BTC", "", "USDT"), "BTCUSDT");
  EXPECT_EQ(binance_pair("btc", "", "USDT"), "BTCUSDT");
  EXPECT_EQ(binance_pair("1000SATS", "", "USDT"), "1000SATSUSDT");
  EXPECT_EQ(binance_pair("T", "", "USDT"), "TUSDT");
  EXPECT_EQ(binance_pair("ETH", "", "BTC"), "ETHBTC");
}

TEST(BinancePair, ASymbolNamingItsQuoteKeepsIt) {
  EXPECT_EQ(binance_pair("BTC/EUR", "", "USDT"), "BTCEUR");
  EXPECT_EQ(binance_pair("eth-btc", "", "USDT"), "ETHBTC");
}

TEST(BinancePair, TheSourceIdIsThePairAsItIs) {
  EXPECT_EQ(binance_pair("BTC", "BTCFDUSD", "USDT"), "BTCFDUSD");
  EXPECT_EQ(binance_pair("ANYTHING", "ETHBTC", "USDT"), "ETHBTC");
}

TEST(BinancePair, WhatCannotBeABinancePairIsNotFoundBeforeAnyRequest) {
  for (const char* symbol : {"", "BTC USD", "BTC&x=1", "BT\"C", "../BTC", "BTC/", "/USDT", "BTC/EUR/USD",
                             "ÉTH", "TOOLONGCOINNAME", "BTC%2F"}) {
    SCOPED_TRACE(symbol);
    try {
      binance_pair(symbol, "", "USDT");
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), Status::not_found);
      EXPECT_THAT(e.what(), HasSubstr("binance: '"));
    }
  }
  for (const char* source_id : {"btcusdt", "BTC-USDT", "BTC USDT", "B", "ABCDEFGHIJKLMNOPQRSTU", "BTC\"]"}) {
    SCOPED_TRACE(source_id);
    try {
      binance_pair("BTC", source_id, "USDT");
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), Status::not_found);
      EXPECT_THAT(e.what(), HasSubstr("is not a Binance pair"));
    }
  }
}

TEST(BinancePair, MessagesNameTheSymbolAndThePair) {
  EXPECT_EQ(describe_pair("BTC", "BTCUSDT"), "'BTC' (Binance BTCUSDT)");
  EXPECT_EQ(describe_pair("BTCUSDT", "BTCUSDT"), "'BTCUSDT'");
  EXPECT_EQ(describe_pair("", "BTCUSDT"), "'BTCUSDT'");
}

}  // namespace
}  // namespace pricefeed::binance
