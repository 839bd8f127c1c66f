#include <gtest/gtest.h>

#include "host/time/TimeOfDay.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TEST(TimeOfDayTest, ReadsHoursAndMinutes) {
  EXPECT_EQ(parse_time_of_day("09:30", false), hours(9) + minutes(30));
  EXPECT_EQ(parse_time_of_day("00:00", false), minutes(0));
  EXPECT_EQ(parse_time_of_day("23:59", false), hours(23) + minutes(59));
}

TEST(TimeOfDayTest, ReadsTheEndOfTheDayOnlyWhereAllowed) {
  EXPECT_EQ(parse_time_of_day("24:00", true), hours(24));
  EXPECT_EQ(parse_time_of_day("24:00", false), std::nullopt);
  EXPECT_EQ(parse_time_of_day("24:01", true), std::nullopt);
}

TEST(TimeOfDayTest, RefusesAnythingButHhColonMm) {
  for (const char* text :
       {"", "9:30", "09:3", "0930", "09:60", "25:00", "09:30:00", " 09:30", "09-30", "ab:cd", "+9:30"}) {
    EXPECT_EQ(parse_time_of_day(text, true), std::nullopt) << text;
  }
}

TEST(TimeOfDayTest, WritesOffsetsTheWayTheFileDoes) {
  EXPECT_EQ(format_time_of_day(hours(9) + minutes(5)), "09:05");
  EXPECT_EQ(format_time_of_day(hours(24)), "24:00");
  EXPECT_EQ(format_time_of_day(-hours(7)), "17:00 the day before");
}

}  // namespace
}  // namespace pricefeed::host
