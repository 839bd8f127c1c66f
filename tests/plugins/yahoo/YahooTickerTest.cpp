// pricefeed symbol -> Yahoo ticker.

#include "yahoo/YahooTicker.hpp"

#include <gtest/gtest.h>
#include <pricefeed/error.hpp>

namespace pricefeed::yahoo {
namespace {

TEST(YahooTicker, StocksAndBonds) {
  EXPECT_EQ(yahoo_ticker("AAPL", "", AssetClass::stock), "AAPL");
  EXPECT_EQ(yahoo_ticker("BRK.B", "", AssetClass::stock), "BRK-B");
  EXPECT_EQ(yahoo_ticker("BRK/B", "", AssetClass::stock), "BRK-B");
  EXPECT_EQ(yahoo_ticker("BF.A", "", AssetClass::stock), "BF-A");
  EXPECT_EQ(yahoo_ticker("ABR$D", "", AssetClass::stock), "ABR-PD");
  EXPECT_EQ(yahoo_ticker("ABR$", "", AssetClass::stock), "ABR-P");
  // Units, warrants and rights in the ACT and CQS notations.
  EXPECT_EQ(yahoo_ticker("AACT.U", "", AssetClass::stock), "AACT-UN");
  EXPECT_EQ(yahoo_ticker("AACT.W", "", AssetClass::stock), "AACT-WT");
  EXPECT_EQ(yahoo_ticker("AACT.WS", "", AssetClass::stock), "AACT-WT");
  EXPECT_EQ(yahoo_ticker("AIIA.R", "", AssetClass::stock), "AIIA-RI");
  EXPECT_EQ(yahoo_ticker("AIIA.RT", "", AssetClass::stock), "AIIA-RI");
  // One-letter exchange suffixes are not share classes.
  EXPECT_EQ(yahoo_ticker("OCDO.L", "", AssetClass::stock), "OCDO.L");
  EXPECT_EQ(yahoo_ticker("7203.T", "", AssetClass::stock), "7203.T");
  EXPECT_EQ(yahoo_ticker("SAP.DE", "", AssetClass::stock), "SAP.DE");
  EXPECT_EQ(yahoo_ticker("^TNX", "", AssetClass::bond), "^TNX");
  EXPECT_EQ(yahoo_ticker("TLT", "", AssetClass::bond), "TLT");
}

TEST(YahooTicker, ForexAndCrypto) {
  EXPECT_EQ(yahoo_ticker("EURUSD", "", AssetClass::forex), "EURUSD=X");
  EXPECT_EQ(yahoo_ticker("EUR/USD", "", AssetClass::forex), "EURUSD=X");
  EXPECT_EQ(yahoo_ticker("EURUSD=X", "", AssetClass::forex), "EURUSD=X");
  EXPECT_EQ(yahoo_ticker("BTC", "", AssetClass::crypto), "BTC-USD");
  EXPECT_EQ(yahoo_ticker("BTC/EUR", "", AssetClass::crypto), "BTC-EUR");
  EXPECT_EQ(yahoo_ticker("ETH-EUR", "", AssetClass::crypto), "ETH-EUR");
}

TEST(YahooTicker, CommoditiesPreferTheSourceId) {
  EXPECT_EQ(yahoo_ticker("GOLD", "GC=F", AssetClass::commodity), "GC=F");
  EXPECT_EQ(yahoo_ticker("GOLD", "", AssetClass::commodity), "GC=F");
  EXPECT_EQ(yahoo_ticker("BRENT", "", AssetClass::commodity), "BZ=F");
  EXPECT_EQ(yahoo_ticker("OIL_BRENT", "", AssetClass::commodity), "BZ=F");
  EXPECT_EQ(yahoo_ticker("WTI", "", AssetClass::commodity), "CL=F");
  EXPECT_EQ(yahoo_ticker("OIL_WTI", "", AssetClass::commodity), "CL=F");
  EXPECT_EQ(yahoo_ticker("COFFEE", "", AssetClass::commodity), "KC=F");
  EXPECT_EQ(yahoo_ticker("GC=F", "", AssetClass::commodity), "GC=F");
  try {
    yahoo_ticker("UNOBTAINIUM", "", AssetClass::commodity);
    FAIL() << "expected not_found";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::not_found);
  }
}

TEST(YahooTicker, UsListingTickers) {
  for (const char* ticker : {"A", "AAPL", "BRK-B", "ABR-PD", "AACT-UN", "BF.B", "AACBU", "A1B2"}) {
    EXPECT_TRUE(is_us_listing_ticker(ticker)) << ticker;
  }
  for (const char* ticker : {"", "aapl", "BRK--B", "-AB", "AB-", "ODD#", "ABR$D", "AACT=", "^GSPC", "GC=F",
                             "ABCDEFGHIJKLMNOPQRSTU"}) {
    EXPECT_FALSE(is_us_listing_ticker(ticker)) << ticker;
  }
}

TEST(YahooTicker, SourceIdAlwaysWins) {
  EXPECT_EQ(yahoo_ticker("BRK.B", "BRK-B", AssetClass::stock), "BRK-B");
  EXPECT_EQ(yahoo_ticker("EURUSD", "EUR=X", AssetClass::forex), "EUR=X");
  EXPECT_EQ(yahoo_ticker("BTC", "BTC-EUR", AssetClass::crypto), "BTC-EUR");
}

}  // namespace
}  // namespace pricefeed::yahoo
