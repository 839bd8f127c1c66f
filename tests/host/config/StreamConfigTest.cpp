// [stream]: off unless enabled, the throttle and refresh period read and defaulted, and values out of
// range refused with the file, line and key.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/host/config/ConfigFileTest.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

class StreamConfigTest : public ConfigFileTest {};

TEST_F(StreamConfigTest, StreamsAreOffByDefaultWithOneWriteASecondAndARefreshEveryTenSeconds) {
  const Config config = load("");
  EXPECT_FALSE(config.stream.enabled);
  EXPECT_EQ(config.stream.min_interval_ms, 1000);
  EXPECT_EQ(config.stream.refresh_seconds, 10);
}

TEST_F(StreamConfigTest, EveryKeyIsRead) {
  const Config config = load(
      "[stream]\nenabled = true\nmin_interval_ms = 250\nrefresh_seconds = 60\nstall_timeout_ms = 5000\n");
  EXPECT_TRUE(config.stream.enabled);
  EXPECT_EQ(config.stream.stall_timeout_ms, 5000);
  EXPECT_EQ(config.stream.min_interval_ms, 250);
  EXPECT_EQ(config.stream.refresh_seconds, 60);
}

TEST_F(StreamConfigTest, TheRangeEndsAreAccepted) {
  const Config lowest = load("[stream]\nmin_interval_ms = 100\nrefresh_seconds = 1\n");
  EXPECT_EQ(lowest.stream.min_interval_ms, 100);
  EXPECT_EQ(lowest.stream.refresh_seconds, 1);
  const Config highest = load("[stream]\nmin_interval_ms = 60000\nrefresh_seconds = 3600\n");
  EXPECT_EQ(highest.stream.min_interval_ms, 60000);
  EXPECT_EQ(highest.stream.refresh_seconds, 3600);
}

TEST_F(StreamConfigTest, ValuesOutOfRangeOrOfTheWrongTypeNameTheKeyAndLine) {
  EXPECT_NE(error_of("[stream]\nstall_timeout_ms = 999\n").find("stall_timeout_ms"), std::string::npos);
  EXPECT_EQ(error_of("[stream]\nmin_interval_ms = 99\n"),
            where(2) + "stream.min_interval_ms: must be at least 100, got 99");
  EXPECT_EQ(error_of("[stream]\n\nmin_interval_ms = 60001\n"),
            where(3) + "stream.min_interval_ms: must be at most 60000, got 60001");
  EXPECT_EQ(error_of("[stream]\nrefresh_seconds = 0\n"),
            where(2) + "stream.refresh_seconds: must be at least 1, got 0");
  EXPECT_EQ(error_of("[stream]\nrefresh_seconds = 3601\n"),
            where(2) + "stream.refresh_seconds: must be at most 3600, got 3601");
  EXPECT_THAT(error_of("[stream]\nenabled = \"yes\"\n"), HasSubstr(where(2) + "stream.enabled"));
}

}  // namespace
}  // namespace pricefeed::host
