// Coin ids and tickers: what may reach a URL or the ids= list, and how tickers are spelled each way.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pricefeed/error.hpp>

#include "coingecko/CoinGeckoCoinId.hpp"

namespace pricefeed::coingecko {
namespace {

using ::testing::HasSubstr;

TEST(CoinGeckoCoinId, RealIdsAreAccepted) {
  for (const char* id :
       {"bitcoin", "usd-coin", "avalanche-2", "elrond-erd-2", "0x", "1inch", "a_b", "v2.token"}) {
    EXPECT_TRUE(is_coin_id(id)) << id;
    EXPECT_EQ(checked_coin_id(id), id);
  }
}

TEST(CoinGeckoCoinId, WhatCouldChangeAUrlOrAListIsNotFound) {
  for (const char* id : {"", "Bitcoin", "bit coin", "a,b", "a/b", "..", ".", "a?b", "a%2Fb", "a\nb"}) {
    SCOPED_TRACE(id);
    EXPECT_FALSE(is_coin_id(id));
    try {
      checked_coin_id(id);
      ADD_FAILURE();
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), Status::not_found);
      EXPECT_THAT(e.what(), HasSubstr("is not a CoinGecko coin id"));
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    }
  }
  EXPECT_FALSE(is_coin_id(std::string(129, 'a')));
}

TEST(CoinGeckoCoinId, TickersAreLowerCasedForCoinGeckoAndUpperCasedBack) {
  EXPECT_EQ(coingecko_symbol("BTC"), "btc");
  EXPECT_EQ(coingecko_symbol("1INCH"), "1inch");
  EXPECT_EQ(pricefeed_ticker("btc"), "BTC");
  EXPECT_EQ(pricefeed_ticker("Alph"), "ALPH");
  for (const char* bad : {"", "BTC-USD", "BTC/USD", "usd+", "\xc3\xb8", "A B", "ABCDEFGHIJKLMNOPQRSTU"}) {
    EXPECT_FALSE(coingecko_symbol(bad)) << bad;
    EXPECT_FALSE(pricefeed_ticker(bad)) << bad;
  }
}

}  // namespace
}  // namespace pricefeed::coingecko
