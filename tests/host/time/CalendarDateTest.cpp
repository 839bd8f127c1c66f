#include "host/time/CalendarDate.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using namespace std::chrono;

TEST(CalendarDate, FormatsAndParsesIsoDates) {
  EXPECT_EQ(format_iso_date(sys_days{2024y / February / 29}), "2024-02-29");
  EXPECT_EQ(format_iso_date(sys_days{1999y / January / 5}), "1999-01-05");
  EXPECT_EQ(parse_iso_date("2024-02-29"), sys_days{2024y / February / 29});
}

TEST(CalendarDate, RefusesWhatIsNotADate) {
  for (const char* text :
       {"2023-02-29", "2024-13-01", "2024-1-01", "20240101", "", "2024-01-01x", "2024-00-10"}) {
    EXPECT_THROW(parse_iso_date(text), std::invalid_argument) << text;
  }
}

TEST(CalendarDate, WritesYearsBeforeOneThousandWithFourDigits) {
  EXPECT_EQ(format_iso_date(sys_days{year{999} / March / 1}), "0999-03-01");
  EXPECT_EQ(parse_iso_date("0999-03-01"), sys_days{year{999} / March / 1});
}

TEST(CalendarDate, TellsALayoutThatIsWrongFromADateThatIsNotReal) {
  EXPECT_TRUE(has_iso_date_layout("2023-02-29"));
  EXPECT_EQ(try_parse_iso_date("2023-02-29"), std::nullopt);
  for (const char* text : {"2024-1-01", "2024/01/01", " 2024-01-01", "2024-01-1 ", "+024-01-01"}) {
    EXPECT_FALSE(has_iso_date_layout(text)) << text;
    EXPECT_EQ(try_parse_iso_date(text), std::nullopt) << text;
  }
  EXPECT_EQ(try_parse_iso_date("2024-02-29"), sys_days{2024y / February / 29});
}

}  // namespace
}  // namespace pricefeed::host
