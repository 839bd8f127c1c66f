// value_for_message: a sender's value echoed in an error stays readable and bounded.

#include "host/events/ValueForMessage.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

TEST(ValueForMessage, LeavesPlainValuesAlone) {
  EXPECT_EQ(value_for_message("2026-13-01"), "2026-13-01");
}

TEST(ValueForMessage, QuotesAndEscapesAnythingElse) {
  EXPECT_EQ(value_for_message("BRK B"), "\"BRK B\"");
  EXPECT_EQ(value_for_message(std::string_view("a\0b", 3)), "\"a\\u0000b\"");
  EXPECT_EQ(value_for_message(""), "\"\"");
}

TEST(ValueForMessage, CutsLongValuesBetweenCodePoints) {
  std::string long_value;
  for (int i = 0; i < 100; ++i)
    long_value += "\xc3\xa9";
  const std::string shown = value_for_message(long_value);
  EXPECT_LT(shown.size(), 50u);
  EXPECT_TRUE(shown.ends_with("...\""));
  EXPECT_EQ(utf8_length(shown.substr(1, shown.size() - 5)) * 2, shown.size() - 5);
}

TEST(ValueForMessage, CountsCodePointsLikePostgres) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), 3u);
}

}  // namespace
}  // namespace pricefeed::host
