#include "host/time/UnixTime.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using namespace std::chrono;

TEST(UnixTime, ADateIsMidnightUtc) {
  EXPECT_EQ(unix_seconds(sys_days{1970y / January / 1}), 0);
  EXPECT_EQ(unix_seconds(sys_days{2024y / January / 1}), 1704067200);
  EXPECT_EQ(unix_seconds(sys_days{1969y / December / 31}), -86400);
}

TEST(UnixTime, AnInstantFallsOnItsUtcDateBeforeTheEpochToo) {
  EXPECT_EQ(utc_date(1704067200 + 86399), sys_days{2024y / January / 1});
  EXPECT_EQ(utc_date(1704067200 + 86400), sys_days{2024y / January / 2});
  EXPECT_EQ(utc_date(-1), sys_days{1969y / December / 31});
}

}  // namespace
}  // namespace pricefeed::host
