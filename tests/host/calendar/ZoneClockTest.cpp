// Wall clocks after 2037, where the system tz database stops listing transitions: daylight saving
// time must go on as the zones' rules say.
#include <gtest/gtest.h>

#include "host/calendar/ZoneClock.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

date::local_seconds local(year_month_day day, int hours, int minutes) {
  return date::local_days{date::days{sys_days{day}.time_since_epoch().count()}} + hours * 1h + minutes * 1min;
}

sys_seconds utc(year_month_day day, int hours, int minutes) {
  return sys_days{day} + hours * 1h + minutes * 1min;
}

TEST(ZoneClockTest, NewYorkKeepsSummerTimeAfter2037) {
  const ZoneClock clock(*date::locate_zone("America/New_York"));
  EXPECT_EQ(clock.to_sys(local(2040y / July / 2, 9, 30)), utc(2040y / July / 2, 13, 30));
  EXPECT_EQ(clock.to_sys(local(2050y / January / 10, 9, 30)), utc(2050y / January / 10, 14, 30));
  // 2100: summer time from Sunday 14 March (the second Sunday), not before.
  EXPECT_EQ(clock.to_sys(local(2100y / March / 12, 9, 30)), utc(2100y / March / 12, 14, 30));
  EXPECT_EQ(clock.to_sys(local(2100y / March / 15, 9, 30)), utc(2100y / March / 15, 13, 30));
}

TEST(ZoneClockTest, SydneysSouthernSummerAfter2037) {
  const ZoneClock clock(*date::locate_zone("Australia/Sydney"));
  EXPECT_EQ(clock.to_sys(local(2060y / January / 5, 10, 0)), utc(2060y / January / 4, 23, 0));  // AEDT
  EXPECT_EQ(clock.to_sys(local(2060y / July / 5, 10, 0)), utc(2060y / July / 5, 0, 0));         // AEST
}

TEST(ZoneClockTest, ToLocalIsTheInverseAcrossTheYearsAfter2037) {
  const ZoneClock clock(*date::locate_zone("Europe/London"));
  for (const auto day :
       {2037y / December / 31, 2038y / June / 30, 2071y / August / 1, 2100y / December / 31}) {
    const date::local_seconds wall = local(day, 12, 0);
    EXPECT_EQ(clock.to_local(clock.to_sys(wall)), wall) << sys_days{day}.time_since_epoch().count();
  }
  EXPECT_EQ(clock.to_local(utc(2045y / July / 1, 12, 0)), local(2045y / July / 1, 13, 0));  // BST
}

// A kept offset (one zone lookup for a whole trading day) must never give another instant than the
// full conversion: not across a change of clocks, not in the hour repeated when they fall back, and
// whichever time of the day was converted first (noon, then every quarter hour from midnight).
TEST(ZoneClockTest, AKeptOffsetGivesTheSameInstantsAsTheFullConversion) {
  for (const char* zone : {"America/New_York", "Europe/London", "Australia/Sydney", "Asia/Tokyo"}) {
    const ZoneClock clock(*date::locate_zone(zone));
    for (const auto first :
         {2026y / March / 6, 2026y / October / 23, 2026y / March / 27, 2061y / November / 3}) {
      for (int day = 0; day < 10; ++day) {
        const date::local_seconds midnight = local(first, 0, 0) + days{day};
        std::optional<ZoneClock::Nearby> nearby;
        EXPECT_EQ(clock.to_sys(midnight + 12h, nearby), clock.to_sys(midnight + 12h));
        for (int quarter = 0; quarter < 4 * 24; ++quarter) {
          const date::local_seconds wall = midnight + quarter * 15min;
          EXPECT_EQ(clock.to_sys(wall, nearby), clock.to_sys(wall))
              << zone << " " << date::format("%F %R", wall);
        }
      }
    }
  }
}

TEST(ZoneClockTest, AYearAfter2037IsReadThroughAListedYearWithTheSameCalendar) {
  EXPECT_EQ(ZoneClock::listed_year_like(2026), 2026);
  EXPECT_EQ(ZoneClock::listed_year_like(2100), 2027);  // both start on a Friday, neither is a leap year
  EXPECT_EQ(ZoneClock::listed_year_like(2040), 2012);  // both leap years starting on a Sunday
}

}  // namespace
}  // namespace pricefeed::host
