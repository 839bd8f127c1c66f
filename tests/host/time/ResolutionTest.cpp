#include "host/time/Resolution.hpp"

#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

TEST(Resolution, ReadsTheNamesTheDatabaseAndTheConfigUse) {
  for (const Resolution resolution : kResolutions)
    EXPECT_EQ(parse_resolution(resolution_name(resolution)), resolution);
  EXPECT_EQ(parse_resolution("1d"), Resolution::day);
  EXPECT_EQ(parse_resolution("1h"), Resolution::hour);
  EXPECT_EQ(parse_resolution("1m"), Resolution::minute);
}

TEST(Resolution, RefusesAnyOtherText) {
  for (const char* text : {"", "1D", "5m", "day", " 1d"})
    EXPECT_EQ(parse_resolution(text), std::nullopt) << text;
}

TEST(Resolution, ARequiredResolutionNamesTheTextAndTheChoices) {
  EXPECT_EQ(require_resolution("1h"), Resolution::hour);
  try {
    require_resolution("5m");
    FAIL() << "5m was taken";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "\"5m\" is not a resolution; expected one of 1d, 1h, 1m");
  }
}

}  // namespace
}  // namespace pricefeed::host
