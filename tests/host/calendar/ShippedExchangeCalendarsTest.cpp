// config/exchanges.toml as shipped, pinned on real days of 2026: holidays, early closes, both daylight
// saving switches in New York and London, lunch breaks, CME Globex's week and daily break, and the
// 24x7 and 24x5 pseudo-calendars.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/host/calendar/CalendarTestTimes.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using calendar_test::local_time;
using calendar_test::shipped_calendar;
using calendar_test::shipped_calendars;
using calendar_test::utc_time;
using ::testing::ElementsAre;
using ::testing::Optional;

constexpr const char* kNewYork = "America/New_York";
constexpr const char* kLondon = "Europe/London";
constexpr const char* kChicago = "America/Chicago";
constexpr const char* kTokyo = "Asia/Tokyo";
constexpr const char* kHongKong = "Asia/Hong_Kong";

TEST(ShippedExchangeCalendarsTest, LoadsEveryExchangeInFileOrderWithItsZone) {
  std::vector<std::string> names;
  std::vector<std::string> zones;
  for (const ExchangeCalendar& calendar : shipped_calendars().calendars()) {
    names.push_back(calendar.name());
    zones.push_back(std::string(calendar.time_zone().name()));
  }
  EXPECT_THAT(names, ElementsAre("NYSE", "NASDAQ", "LSE", "XETRA", "EURONEXT", "TSX", "JPX", "HKEX", "ASX",
                                 "CME_GLOBEX", "CRYPTO", "FOREX", "TARGET2"));
  EXPECT_THAT(zones,
              ElementsAre("America/New_York", "America/New_York", "Europe/London", "Europe/Berlin",
                          "Europe/Paris", "America/Toronto", "Asia/Tokyo", "Asia/Hong_Kong",
                          "Australia/Sydney", "America/Chicago", "UTC", "America/New_York", "Europe/Berlin"));
}

TEST(ShippedExchangeCalendarsTest, EveryExchangeWithRulesCoversTheYears1990To2100) {
  for (const ExchangeCalendar& calendar : shipped_calendars().calendars()) {
    SCOPED_TRACE(calendar.name());
    if (calendar.name() == "CRYPTO") continue;
    EXPECT_TRUE(calendar.covers(2100y / December / 31));
    EXPECT_FALSE(calendar.covers(2101y / January / 3));
  }
  EXPECT_TRUE(shipped_calendar("CRYPTO").covers(2140y / June / 1));
}

TEST(ShippedExchangeCalendarsTest, NyseIsClosedAllDayOnThanksgiving2026) {
  const ExchangeCalendar& nyse = shipped_calendar("NYSE");
  EXPECT_FALSE(nyse.is_trading_day(2026y / November / 26));
  EXPECT_TRUE(nyse.sessions(2026y / November / 26).empty());
  for (int hour : {9, 10, 12, 15}) {
    EXPECT_FALSE(nyse.is_open(local_time(kNewYork, 2026y / November / 26, hour, 45))) << hour;
  }
}

TEST(ShippedExchangeCalendarsTest, NyseClosesAt1300OnTheDayAfterThanksgiving2026) {
  const ExchangeCalendar& nyse = shipped_calendar("NYSE");
  const year_month_day friday = 2026y / November / 27;
  EXPECT_TRUE(nyse.is_trading_day(friday));
  EXPECT_THAT(nyse.sessions(friday), ElementsAre(TradingSession{local_time(kNewYork, friday, 9, 30),
                                                                local_time(kNewYork, friday, 13, 0)}));
  EXPECT_TRUE(nyse.is_open(local_time(kNewYork, friday, 12, 59)));
  EXPECT_FALSE(nyse.is_open(local_time(kNewYork, friday, 13, 1)));
  EXPECT_THAT(nyse.last_close(local_time(kNewYork, friday, 15, 0)),
              Optional(local_time(kNewYork, friday, 13, 0)));
}

TEST(ShippedExchangeCalendarsTest, NyseOpensAt0930NewYorkTimeAcrossTheSpringDstSwitch) {
  const ExchangeCalendar& nyse = shipped_calendar("NYSE");
  // Clocks went forward on Sunday 8 March 2026: 09:30 is 14:30 UTC on Friday, 13:30 UTC on Monday.
  EXPECT_THAT(nyse.next_open(utc_time(2026y / March / 6, 0, 0)),
              Optional(utc_time(2026y / March / 6, 14, 30)));
  EXPECT_THAT(nyse.next_open(utc_time(2026y / March / 8, 12, 0)),
              Optional(utc_time(2026y / March / 9, 13, 30)));
  EXPECT_FALSE(nyse.is_open(utc_time(2026y / March / 9, 13, 29)));
  EXPECT_TRUE(nyse.is_open(utc_time(2026y / March / 9, 13, 30)));
  EXPECT_THAT(nyse.last_close(utc_time(2026y / March / 9, 23, 0)),
              Optional(utc_time(2026y / March / 9, 20, 0)));
}

TEST(ShippedExchangeCalendarsTest, NyseOpensAt0930NewYorkTimeAcrossTheAutumnDstSwitch) {
  const ExchangeCalendar& nyse = shipped_calendar("NYSE");
  // Clocks went back on Sunday 1 November 2026: 09:30 is 13:30 UTC on Friday, 14:30 UTC on Monday.
  EXPECT_THAT(nyse.next_open(utc_time(2026y / October / 30, 0, 0)),
              Optional(utc_time(2026y / October / 30, 13, 30)));
  EXPECT_THAT(nyse.next_open(utc_time(2026y / November / 1, 12, 0)),
              Optional(utc_time(2026y / November / 2, 14, 30)));
  EXPECT_FALSE(nyse.is_open(utc_time(2026y / November / 2, 13, 30)));
  EXPECT_TRUE(nyse.is_open(utc_time(2026y / November / 2, 14, 30)));
}

TEST(ShippedExchangeCalendarsTest, LseOpensAt0800LondonTimeAcrossBothDstSwitches) {
  const ExchangeCalendar& lse = shipped_calendar("LSE");
  // British Summer Time began on Sunday 29 March 2026 and ended on Sunday 25 October 2026.
  EXPECT_THAT(lse.next_open(utc_time(2026y / March / 27, 0, 0)),
              Optional(utc_time(2026y / March / 27, 8, 0)));
  EXPECT_THAT(lse.next_open(utc_time(2026y / March / 29, 12, 0)),
              Optional(utc_time(2026y / March / 30, 7, 0)));
  EXPECT_THAT(lse.next_open(utc_time(2026y / October / 23, 0, 0)),
              Optional(utc_time(2026y / October / 23, 7, 0)));
  EXPECT_THAT(lse.next_open(utc_time(2026y / October / 25, 12, 0)),
              Optional(utc_time(2026y / October / 26, 8, 0)));
  EXPECT_EQ(lse.sessions(2026y / October / 26).front().open, local_time(kLondon, 2026y / October / 26, 8, 0));
}

TEST(ShippedExchangeCalendarsTest, StockExchangesAreClosedAtTheWeekend) {
  for (const char* name : {"NYSE", "NASDAQ", "LSE", "XETRA", "EURONEXT", "TSX", "JPX", "HKEX", "ASX"}) {
    const ExchangeCalendar& calendar = shipped_calendar(name);
    SCOPED_TRACE(name);
    EXPECT_FALSE(calendar.is_trading_day(2026y / June / 13));
    EXPECT_FALSE(calendar.is_trading_day(2026y / June / 14));
    EXPECT_TRUE(calendar.is_trading_day(2026y / June / 12));
    EXPECT_FALSE(calendar.is_open(utc_time(2026y / June / 13, 12, 0)));
  }
}

TEST(ShippedExchangeCalendarsTest, GoodFriday2026ClosesNyseAndLseButOnlyLseKeepsEasterMonday) {
  const ExchangeCalendar& nyse = shipped_calendar("NYSE");
  const ExchangeCalendar& lse = shipped_calendar("LSE");
  EXPECT_FALSE(nyse.is_trading_day(2026y / April / 3));
  EXPECT_FALSE(lse.is_trading_day(2026y / April / 3));
  EXPECT_FALSE(nyse.is_open(local_time(kNewYork, 2026y / April / 3, 11, 0)));
  EXPECT_FALSE(lse.is_open(local_time(kLondon, 2026y / April / 3, 11, 0)));
  EXPECT_TRUE(nyse.is_trading_day(2026y / April / 6));
  EXPECT_FALSE(lse.is_trading_day(2026y / April / 6));
}

TEST(ShippedExchangeCalendarsTest, JpxBreaksForLunchFrom1130To1230) {
  const ExchangeCalendar& jpx = shipped_calendar("JPX");
  const year_month_day day = 2026y / June / 10;
  EXPECT_THAT(jpx.sessions(day),
              ElementsAre(TradingSession{local_time(kTokyo, day, 9, 0), local_time(kTokyo, day, 11, 30)},
                          TradingSession{local_time(kTokyo, day, 12, 30), local_time(kTokyo, day, 15, 30)}));
  EXPECT_TRUE(jpx.is_open(local_time(kTokyo, day, 11, 29)));
  EXPECT_FALSE(jpx.is_open(local_time(kTokyo, day, 11, 30)));
  EXPECT_FALSE(jpx.is_open(local_time(kTokyo, day, 12, 29)));
  EXPECT_TRUE(jpx.is_open(local_time(kTokyo, day, 12, 30)));
  // The lunch break is a close and an opening like any other.
  EXPECT_THAT(jpx.last_close(local_time(kTokyo, day, 12, 0)), Optional(local_time(kTokyo, day, 11, 30)));
  EXPECT_THAT(jpx.next_open(local_time(kTokyo, day, 12, 0)), Optional(local_time(kTokyo, day, 12, 30)));
  // 09:00 in Tokyo is midnight UTC: the session belongs to the Tokyo date.
  EXPECT_EQ(jpx.local_date(utc_time(2026y / June / 9, 23, 59)), 2026y / June / 10);
}

TEST(ShippedExchangeCalendarsTest, HkexBreaksForLunchFrom1200To1300AndHasNoAfternoonOnHalfDays) {
  const ExchangeCalendar& hkex = shipped_calendar("HKEX");
  const year_month_day day = 2026y / June / 10;
  EXPECT_TRUE(hkex.is_open(local_time(kHongKong, day, 11, 59)));
  EXPECT_FALSE(hkex.is_open(local_time(kHongKong, day, 12, 0)));
  EXPECT_FALSE(hkex.is_open(local_time(kHongKong, day, 12, 59)));
  EXPECT_TRUE(hkex.is_open(local_time(kHongKong, day, 13, 0)));
  EXPECT_FALSE(hkex.is_open(local_time(kHongKong, day, 16, 0)));
  const year_month_day christmas_eve = 2026y / December / 24;
  EXPECT_THAT(hkex.sessions(christmas_eve),
              ElementsAre(TradingSession{local_time(kHongKong, christmas_eve, 9, 30),
                                         local_time(kHongKong, christmas_eve, 12, 0)}));
  EXPECT_FALSE(hkex.is_trading_day(2026y / February / 17));  // Lunar New Year's Day
}

TEST(ShippedExchangeCalendarsTest, CmeGlobexOpensSundayAt1700ChicagoForMondaysTradingDay) {
  const ExchangeCalendar& cme = shipped_calendar("CME_GLOBEX");
  const year_month_day sunday = 2026y / November / 22;
  EXPECT_FALSE(cme.is_trading_day(sunday));
  EXPECT_FALSE(cme.is_open(local_time(kChicago, sunday, 16, 59)));
  EXPECT_TRUE(cme.is_open(local_time(kChicago, sunday, 17, 0)));
  EXPECT_THAT(cme.next_open(local_time(kChicago, sunday, 9, 0)),
              Optional(local_time(kChicago, sunday, 17, 0)));
  // The session opened on Sunday evening is Monday's, running past midnight to 16:00 on Monday.
  EXPECT_THAT(cme.sessions(2026y / November / 23),
              ElementsAre(TradingSession{local_time(kChicago, sunday, 17, 0),
                                         local_time(kChicago, 2026y / November / 23, 16, 0)}));
  EXPECT_TRUE(cme.is_open(local_time(kChicago, 2026y / November / 23, 0, 30)));
}

TEST(ShippedExchangeCalendarsTest, CmeGlobexBreaksDailyFrom1600To1700) {
  const ExchangeCalendar& cme = shipped_calendar("CME_GLOBEX");
  const year_month_day tuesday = 2026y / November / 24;
  EXPECT_TRUE(cme.is_open(local_time(kChicago, tuesday, 15, 59)));
  EXPECT_FALSE(cme.is_open(local_time(kChicago, tuesday, 16, 30)));
  EXPECT_TRUE(cme.is_open(local_time(kChicago, tuesday, 17, 0)));
  EXPECT_THAT(cme.last_close(local_time(kChicago, tuesday, 16, 30)),
              Optional(local_time(kChicago, tuesday, 16, 0)));
  EXPECT_THAT(cme.next_open(local_time(kChicago, tuesday, 16, 30)),
              Optional(local_time(kChicago, tuesday, 17, 0)));
}

TEST(ShippedExchangeCalendarsTest, CmeGlobexIsClosedFromFriday1600ToSunday1700) {
  const ExchangeCalendar& cme = shipped_calendar("CME_GLOBEX");
  EXPECT_FALSE(cme.is_open(local_time(kChicago, 2026y / June / 12, 16, 0)));
  EXPECT_FALSE(cme.is_open(local_time(kChicago, 2026y / June / 13, 12, 0)));  // Saturday
  EXPECT_FALSE(cme.is_open(local_time(kChicago, 2026y / June / 14, 12, 0)));  // Sunday morning
  EXPECT_THAT(cme.next_open(local_time(kChicago, 2026y / June / 13, 12, 0)),
              Optional(local_time(kChicago, 2026y / June / 14, 17, 0)));
  EXPECT_THAT(cme.last_close(local_time(kChicago, 2026y / June / 14, 12, 0)),
              Optional(local_time(kChicago, 2026y / June / 12, 16, 0)));
}

TEST(ShippedExchangeCalendarsTest, CmeGlobexHaltsEarlyForThanksgivingAndReopensThatEvening) {
  const ExchangeCalendar& cme = shipped_calendar("CME_GLOBEX");
  const year_month_day thanksgiving = 2026y / November / 26;
  EXPECT_TRUE(cme.is_open(local_time(kChicago, thanksgiving, 11, 59)));
  EXPECT_FALSE(cme.is_open(local_time(kChicago, thanksgiving, 12, 0)));
  EXPECT_THAT(cme.next_open(local_time(kChicago, thanksgiving, 12, 0)),
              Optional(local_time(kChicago, thanksgiving, 17, 0)));
  EXPECT_FALSE(cme.is_open(local_time(kChicago, 2026y / November / 27, 12, 45)));
}

TEST(ShippedExchangeCalendarsTest, CmeGlobexUsHolidaySessionsTradeButHaveNoDailyBarOfTheirOwn) {
  const ExchangeCalendar& cme = shipped_calendar("CME_GLOBEX");
  for (const year_month_day holiday : {2025y / January / 20, 2025y / July / 4, 2026y / September / 7,
                                       2026y / November / 26, 2027y / June / 18}) {
    EXPECT_TRUE(cme.is_trading_day(holiday));
    EXPECT_FALSE(cme.has_daily_bar(holiday)) << static_cast<int>(holiday.year());
  }
  EXPECT_TRUE(cme.has_daily_bar(2026y / November / 27)) << "the day after Thanksgiving settles";
  EXPECT_TRUE(cme.has_daily_bar(2026y / December / 24)) << "Christmas Eve settles";
  EXPECT_TRUE(cme.has_daily_bar(2026y / November / 24));
  EXPECT_FALSE(cme.has_daily_bar(2026y / December / 25)) << "a holiday";
}

// The U.S.-holiday sessions are rules, so every year of 1990..2100 has them, not only the years once
// listed by date: gap detection must never ask for a bar on one of them.
TEST(ShippedExchangeCalendarsTest, CmeGlobexUsHolidaySessionsHaveNoDailyBarInAnyYear) {
  const ExchangeCalendar& cme = shipped_calendar("CME_GLOBEX");
  for (const year_month_day holiday :
       {1995y / July / 4, 2019y / January / 21, 2090y / September / 4, 2077y / November / 25}) {
    EXPECT_TRUE(cme.is_trading_day(holiday)) << static_cast<int>(holiday.year());
    EXPECT_FALSE(cme.has_daily_bar(holiday)) << static_cast<int>(holiday.year());
  }
  EXPECT_TRUE(cme.has_daily_bar(2077y / November / 26)) << "the day after Thanksgiving settles";
  // 17:00 CDT the evening before to 13:30 CDT: summer time after 2037 too (ZoneClock).
  EXPECT_THAT(cme.sessions(2090y / September / 4),
              ElementsAre(TradingSession{utc_time(2090y / September / 3, 22, 0),
                                         utc_time(2090y / September / 4, 18, 30)}));
  EXPECT_TRUE(cme.has_daily_bar(1992y / November / 27)) << "no early close before 1993";
  EXPECT_FALSE(cme.is_trading_day(1990y / April / 13));     // Good Friday
  EXPECT_FALSE(cme.is_trading_day(2027y / December / 24));  // Christmas Day (a Saturday) observed
}

TEST(ShippedExchangeCalendarsTest, TsxHolidaysFollowTheirRulesInAnyYear) {
  const ExchangeCalendar& tsx = shipped_calendar("TSX");
  EXPECT_FALSE(tsx.is_trading_day(2031y / May / 19));      // Victoria Day: the Monday before 25 May
  EXPECT_TRUE(tsx.is_trading_day(2007y / February / 19));  // Family Day only from 2008
  EXPECT_FALSE(tsx.is_trading_day(2008y / February / 18));
  // Christmas and Boxing Day at a weekend move to the next free weekdays.
  EXPECT_FALSE(tsx.is_trading_day(2021y / December / 27));
  EXPECT_FALSE(tsx.is_trading_day(2021y / December / 28));
  EXPECT_FALSE(tsx.is_trading_day(2022y / December / 26));
  EXPECT_FALSE(tsx.is_trading_day(2022y / December / 27));
  EXPECT_TRUE(tsx.is_trading_day(2022y / December / 28));
  // Open until 13:00 on Christmas Eve, from 2010.
  EXPECT_THAT(tsx.sessions(2026y / December / 24),
              ElementsAre(TradingSession{local_time("America/Toronto", 2026y / December / 24, 9, 30),
                                         local_time("America/Toronto", 2026y / December / 24, 13, 0)}));
  EXPECT_THAT(tsx.sessions(2009y / December / 24),
              ElementsAre(TradingSession{local_time("America/Toronto", 2009y / December / 24, 9, 30),
                                         local_time("America/Toronto", 2009y / December / 24, 16, 0)}));
}

TEST(ShippedExchangeCalendarsTest, CryptoIsAlwaysOpen) {
  const ExchangeCalendar& crypto = shipped_calendar("CRYPTO");
  for (const sys_seconds instant : {utc_time(2026y / June / 13, 0, 0), utc_time(2026y / June / 13, 23, 59),
                                    utc_time(2026y / June / 14, 12, 0), utc_time(2026y / December / 25, 0, 0),
                                    utc_time(2026y / December / 31, 23, 59),
                                    utc_time(2027y / January / 1, 0, 0), utc_time(2030y / March / 5, 6, 7)}) {
    EXPECT_TRUE(crypto.is_open(instant));
  }
  // Its days touch: there is no opening or close at midnight to find.
  EXPECT_EQ(crypto.next_open(utc_time(2026y / June / 13, 12, 0)), std::nullopt);
  EXPECT_EQ(crypto.last_close(utc_time(2026y / June / 13, 12, 0)), std::nullopt);
}

TEST(ShippedExchangeCalendarsTest, ForexRunsFromSunday1700ToFriday1700NewYork) {
  const ExchangeCalendar& forex = shipped_calendar("FOREX");
  EXPECT_FALSE(forex.is_open(local_time(kNewYork, 2026y / June / 13, 12, 0)));  // Saturday
  EXPECT_FALSE(forex.is_open(local_time(kNewYork, 2026y / June / 14, 16, 59)));
  EXPECT_TRUE(forex.is_open(local_time(kNewYork, 2026y / June / 14, 17, 0)));
  EXPECT_TRUE(forex.is_open(local_time(kNewYork, 2026y / June / 17, 17, 0)));  // no daily break
  EXPECT_TRUE(forex.is_open(local_time(kNewYork, 2026y / June / 19, 16, 59)));
  EXPECT_FALSE(forex.is_open(local_time(kNewYork, 2026y / June / 19, 17, 0)));
  // The sessions from Sunday evening to Friday are one stretch: midweek, the last close is last Friday's.
  EXPECT_THAT(forex.last_close(local_time(kNewYork, 2026y / June / 17, 12, 0)),
              Optional(local_time(kNewYork, 2026y / June / 12, 17, 0)));
  EXPECT_THAT(forex.next_open(local_time(kNewYork, 2026y / June / 15, 12, 0)),
              Optional(local_time(kNewYork, 2026y / June / 21, 17, 0)));
}

TEST(ShippedExchangeCalendarsTest, ForexIsClosedOnChristmasDay) {
  const ExchangeCalendar& forex = shipped_calendar("FOREX");
  EXPECT_FALSE(forex.is_open(local_time(kNewYork, 2026y / December / 24, 18, 0)));
  EXPECT_FALSE(forex.is_open(local_time(kNewYork, 2026y / December / 25, 12, 0)));
  EXPECT_THAT(forex.last_close(local_time(kNewYork, 2026y / December / 25, 12, 0)),
              Optional(local_time(kNewYork, 2026y / December / 24, 17, 0)));
}

TEST(ShippedExchangeCalendarsTest, NextOpenAndLastCloseSkipTheWeekend) {
  const ExchangeCalendar& nyse = shipped_calendar("NYSE");
  const sys_seconds friday_evening = local_time(kNewYork, 2026y / June / 12, 16, 30);
  EXPECT_THAT(nyse.next_open(friday_evening), Optional(local_time(kNewYork, 2026y / June / 15, 9, 30)));
  EXPECT_THAT(nyse.last_close(local_time(kNewYork, 2026y / June / 14, 20, 0)),
              Optional(local_time(kNewYork, 2026y / June / 12, 16, 0)));
  // At the close itself the close has happened; the open of the same instant is not "after" it.
  const sys_seconds close = local_time(kNewYork, 2026y / June / 12, 16, 0);
  EXPECT_THAT(nyse.last_close(close), Optional(close));
  EXPECT_THAT(nyse.next_open(local_time(kNewYork, 2026y / June / 15, 9, 30)),
              Optional(local_time(kNewYork, 2026y / June / 16, 9, 30)));
}

TEST(ShippedExchangeCalendarsTest, NextOpenAndLastCloseSkipHolidays) {
  const ExchangeCalendar& nyse = shipped_calendar("NYSE");
  // Thanksgiving: from Wednesday's close to Friday's open, with nothing on Thursday.
  EXPECT_THAT(nyse.next_open(local_time(kNewYork, 2026y / November / 25, 16, 0)),
              Optional(local_time(kNewYork, 2026y / November / 27, 9, 30)));
  EXPECT_THAT(nyse.last_close(local_time(kNewYork, 2026y / November / 26, 12, 0)),
              Optional(local_time(kNewYork, 2026y / November / 25, 16, 0)));
  // Good Friday and the weekend: Thursday's close to Monday's open.
  EXPECT_THAT(nyse.next_open(local_time(kNewYork, 2026y / April / 2, 17, 0)),
              Optional(local_time(kNewYork, 2026y / April / 6, 9, 30)));
  EXPECT_THAT(nyse.last_close(local_time(kNewYork, 2026y / April / 6, 8, 0)),
              Optional(local_time(kNewYork, 2026y / April / 2, 16, 0)));
}

TEST(ShippedExchangeCalendarsTest, OutsideTheCoveredYearsOnlyWeekdaysAndSessionsCount) {
  const ExchangeCalendar& nyse = shipped_calendar("NYSE");
  EXPECT_FALSE(nyse.covers(2101y / July / 4));
  EXPECT_TRUE(nyse.is_trading_day(2101y / July / 4));   // Independence Day 2101: no rule is known yet
  EXPECT_FALSE(nyse.is_trading_day(2101y / July / 9));  // a Saturday
}

TEST(ShippedExchangeCalendarsTest, NyseHolidaysFollowTheirRulesInAnyYear) {
  const ExchangeCalendar& nyse = shipped_calendar("NYSE");
  EXPECT_FALSE(nyse.is_trading_day(2031y / July / 4));  // a Friday
  EXPECT_FALSE(nyse.is_trading_day(2099y / December / 25));
  EXPECT_FALSE(nyse.is_trading_day(2019y / January / 21));  // Martin Luther King, Jr. Day
  EXPECT_TRUE(nyse.is_trading_day(1997y / January / 20));   // ... which NYSE kept from 1998 only
  EXPECT_TRUE(nyse.is_trading_day(2021y / December / 31));  // a Saturday New Year is not observed
  EXPECT_FALSE(nyse.is_trading_day(2001y / September / 13));
  const auto special = nyse.special_day(2031y / July / 4);
  ASSERT_TRUE(special.has_value());
  EXPECT_EQ(special->name, "Independence Day");
}

TEST(ShippedExchangeCalendarsTest, LocalDateIsTheExchangesDate) {
  EXPECT_EQ(shipped_calendar("NYSE").local_date(utc_time(2026y / June / 13, 2, 0)), 2026y / June / 12);
  EXPECT_EQ(shipped_calendar("ASX").local_date(utc_time(2026y / June / 12, 20, 0)), 2026y / June / 13);
}

}  // namespace
}  // namespace pricefeed::host
