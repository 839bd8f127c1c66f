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

TEST(ZoneClockTest, AYearAfter2037IsReadThroughAListedYearWithTheSameCalendar) {
  EXPECT_EQ(ZoneClock::listed_year_like(2026), 2026);
  EXPECT_EQ(ZoneClock::listed_year_like(2100), 2027);  // both start on a Friday, neither is a leap year
  EXPECT_EQ(ZoneClock::listed_year_like(2040), 2012);  // both leap years starting on a Sunday
}

}  // namespace
}  // namespace pricefeed::host
