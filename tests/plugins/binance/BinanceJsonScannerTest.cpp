// BinanceJsonScanner on its own: what it hands out and where it stops. How the stream frames use it,
// and the ways a frame can be broken, are in BinanceStreamFrameTest.

#include <cstdint>
#include <limits>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "binance/BinanceFormatError.hpp"
#include "binance/BinanceJsonScanner.hpp"

namespace pricefeed::binance {
namespace {

using ::testing::HasSubstr;

TEST(BinanceJsonScanner, HandsOutStringsAsWrittenWithTheirEscapes) {
  BinanceJsonScanner scanner(R"(  "a\"b\\c\u00e9"  )");
  EXPECT_EQ(scanner.string("s"), R"(a\"b\\c\u00e9)");
  scanner.end();
}

TEST(BinanceJsonScanner, ReadsIntegersToTheLimitsOf64Bits) {
  BinanceJsonScanner largest("9223372036854775807");
  EXPECT_EQ(largest.integer("n"), std::numeric_limits<std::int64_t>::max());
  BinanceJsonScanner smallest("-9223372036854775808");
  EXPECT_EQ(smallest.integer("n"), std::numeric_limits<std::int64_t>::min());
  BinanceJsonScanner zero("-0");
  EXPECT_EQ(zero.integer("n"), 0);
  BinanceJsonScanner below("-9223372036854775809");
  EXPECT_THROW(below.integer("n"), BinanceFormatError);
}

TEST(BinanceJsonScanner, SkipValueChecksTheValueAndReturnsItsText) {
  BinanceJsonScanner scanner(R"({"id": {"a":[1, -0.5e+2, "x", null]} , "b":true})");
  scanner.begin_object("top");
  bool first = true;
  std::string_view key;
  ASSERT_TRUE(scanner.next_member(first, key, "top"));
  EXPECT_EQ(key, "id");
  EXPECT_EQ(scanner.skip_value("id"), R"({"a":[1, -0.5e+2, "x", null]})");
  ASSERT_TRUE(scanner.next_member(first, key, "top"));
  EXPECT_EQ(key, "b");
  EXPECT_EQ(scanner.skip_value("b"), "true");
  EXPECT_FALSE(scanner.next_member(first, key, "top"));
  scanner.end();
}

TEST(BinanceJsonScanner, NamesThePathAndTheByteWhereItStopped) {
  BinanceJsonScanner scanner(R"({"a" 1})");
  scanner.begin_object("top");
  bool first = true;
  std::string_view key;
  try {
    scanner.next_member(first, key, "top");
    FAIL() << "a member without ':' was read";
  } catch (const BinanceFormatError& e) {
    EXPECT_STREQ(e.what(), "top: expected ':', got '1' at byte 5");
  }
}

TEST(BinanceJsonScanner, RefusesNumbersJsonDoesNotAllow) {
  for (const char* text : {"+1", ".5", "1.", "1e", "01x", "0x10", "Infinity", "NaN", "--1"}) {
    BinanceJsonScanner scanner(text);
    EXPECT_THROW(
        {
          scanner.skip_value("v");
          scanner.end();
        },
        BinanceFormatError)
        << text;
  }
}

}  // namespace
}  // namespace pricefeed::binance
