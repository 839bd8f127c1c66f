// The default table of front-month futures both Yahoo plugins name commodities by.

#include "yahoo-api/FrontMonthFutures.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace pricefeed::yahoo {
namespace {

TEST(FrontMonthFutures, EveryDefaultIsAYahooFuturesTickerUnderAUniqueCanonicalName) {
  std::set<std::string_view> names;
  std::set<std::string_view> tickers;
  for (const FrontMonthFuture& future : front_month_futures()) {
    SCOPED_TRACE(std::string(future.name));
    EXPECT_TRUE(names.insert(future.name).second);
    EXPECT_TRUE(tickers.insert(future.ticker).second);
    EXPECT_TRUE(is_yahoo_futures_ticker(future.ticker));
    EXPECT_FALSE(future.title.empty());
    EXPECT_FALSE(future.exchange.empty());
    EXPECT_TRUE(future.currency == "USD" || future.currency == "USX");
  }
  EXPECT_EQ(names.size(), 20u);
}

TEST(FrontMonthFutures, WellKnownNamesMapToTheirContracts) {
  EXPECT_EQ(find_front_month_future("GOLD")->ticker, "GC=F");
  EXPECT_EQ(find_front_month_future("GOLD")->exchange, "COMEX");
  EXPECT_EQ(find_front_month_future("OIL_WTI")->ticker, "CL=F");
  EXPECT_EQ(find_front_month_future("OIL_BRENT")->ticker, "BZ=F");
  EXPECT_EQ(find_front_month_future("CORN")->exchange, "CBOT");
  // Grains trade in cents per bushel: Yahoo's currency is USX, and so is the catalog's.
  EXPECT_EQ(find_front_month_future("CORN")->currency, "USX");
  EXPECT_EQ(find_front_month_future("COFFEE")->exchange, "ICE US");
  EXPECT_EQ(find_front_month_future("LEAN_HOGS")->ticker, "HE=F");
  EXPECT_EQ(find_front_month_future("gold"), nullptr);
  EXPECT_EQ(find_front_month_future("UNOBTAINIUM"), nullptr);
}

TEST(FrontMonthFutures, FuturesTickerShape) {
  for (const char* ticker : {"GC=F", "ZC=F", "6E=F", "MGC=F", "ABCDEF=F"}) {
    EXPECT_TRUE(is_yahoo_futures_ticker(ticker)) << ticker;
  }
  for (const char* ticker : {"=F", "GC", "GC=X", "gc=F", "GC-F", "ABCDEFG=F", "GC=F ", "G.C=F"}) {
    EXPECT_FALSE(is_yahoo_futures_ticker(ticker)) << ticker;
  }
}

}  // namespace
}  // namespace pricefeed::yahoo
