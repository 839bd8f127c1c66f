// How an asset finds its calendar: the exchange its source reported, through the aliases of the
// shipped file, else its asset class's default.
#include <gtest/gtest.h>

#include <string>

#include "tests/host/calendar/CalendarTestTimes.hpp"

namespace pricefeed::host {
namespace {

using calendar_test::shipped_calendars;

std::string calendar_of(const char* exchange) {
  const ExchangeCalendar* calendar = shipped_calendars().for_exchange(exchange);
  return calendar == nullptr ? "(none)" : calendar->name();
}

TEST(ExchangeCalendarsTest, YahooAndNasdaqTraderCodesFindTheirExchange) {
  for (const char* code : {"NMS", "NGM", "NCM", "NASDAQ", "NasdaqGS", "NasdaqGM", "NasdaqCM"}) {
    EXPECT_EQ(calendar_of(code), "NASDAQ") << code;
  }
  for (const char* code : {"NYQ", "NYSE", "PCX", "NYSEArca", "NYSE Arca", "ASE", "AMEX", "NYSE American",
                           "BATS", "BTS", "Cboe BZX", "IEX", "NYSE Texas"}) {
    EXPECT_EQ(calendar_of(code), "NYSE") << code;
  }
  for (const char* code : {"LSE", "IOB"})
    EXPECT_EQ(calendar_of(code), "LSE") << code;
  for (const char* code : {"GER", "XETRA", "FRA"})
    EXPECT_EQ(calendar_of(code), "XETRA") << code;
  for (const char* code : {"PAR", "AMS", "BRU", "LIS"})
    EXPECT_EQ(calendar_of(code), "EURONEXT") << code;
  for (const char* code : {"TOR", "TSX"})
    EXPECT_EQ(calendar_of(code), "TSX") << code;
  for (const char* code : {"JPX", "TYO"})
    EXPECT_EQ(calendar_of(code), "JPX") << code;
  for (const char* code : {"HKG", "HKEX"})
    EXPECT_EQ(calendar_of(code), "HKEX") << code;
  EXPECT_EQ(calendar_of("ASX"), "ASX");
  for (const char* code : {"CME", "CMX", "COMEX", "NYM", "NYMEX", "CBT", "CBOT", "NYB", "ICE US"}) {
    EXPECT_EQ(calendar_of(code), "CME_GLOBEX") << code;
  }
  for (const char* code : {"BINANCE", "CCC"})
    EXPECT_EQ(calendar_of(code), "CRYPTO") << code;
  for (const char* code : {"CCY", "ECB"})
    EXPECT_EQ(calendar_of(code), "FOREX") << code;
}

TEST(ExchangeCalendarsTest, MatchingIgnoresCaseAndSurroundingBlanks) {
  EXPECT_EQ(calendar_of("nasdaqgs"), "NASDAQ");
  EXPECT_EQ(calendar_of("  cmx "), "CME_GLOBEX");
  EXPECT_EQ(calendar_of("nyse american"), "NYSE");
  EXPECT_EQ(calendar_of("Crypto"), "CRYPTO");
}

TEST(ExchangeCalendarsTest, AnUnknownOrEmptyExchangeHasNoCalendarOfItsOwn) {
  EXPECT_EQ(calendar_of("MOEX"), "(none)");
  EXPECT_EQ(calendar_of(""), "(none)");
  EXPECT_EQ(calendar_of("NYSE AMERICANS"), "(none)");
}

TEST(ExchangeCalendarsTest, EveryAssetClassHasItsDefaultCalendar) {
  const ExchangeCalendars& calendars = shipped_calendars();
  EXPECT_EQ(calendars.for_asset_class(AssetClass::stock).name(), "NYSE");
  EXPECT_EQ(calendars.for_asset_class(AssetClass::bond).name(), "NYSE");
  EXPECT_EQ(calendars.for_asset_class(AssetClass::commodity).name(), "CME_GLOBEX");
  EXPECT_EQ(calendars.for_asset_class(AssetClass::crypto).name(), "CRYPTO");
  EXPECT_EQ(calendars.for_asset_class(AssetClass::forex).name(), "FOREX");
}

TEST(ExchangeCalendarsTest, AnAssetUsesItsExchangesCalendarElseItsClassDefault) {
  const ExchangeCalendars& calendars = shipped_calendars();
  EXPECT_EQ(calendars.for_asset(AssetClass::stock, "LSE").name(), "LSE");
  EXPECT_EQ(calendars.for_asset(AssetClass::stock, "NMS").name(), "NASDAQ");
  EXPECT_EQ(calendars.for_asset(AssetClass::stock, "Unknown Venue").name(), "NYSE");
  EXPECT_EQ(calendars.for_asset(AssetClass::stock, "").name(), "NYSE");
  EXPECT_EQ(calendars.for_asset(AssetClass::commodity, "COMEX").name(), "CME_GLOBEX");
  EXPECT_EQ(calendars.for_asset(AssetClass::crypto, "").name(), "CRYPTO");
  EXPECT_EQ(calendars.for_asset(AssetClass::forex, "").name(), "FOREX");
}

}  // namespace
}  // namespace pricefeed::host
