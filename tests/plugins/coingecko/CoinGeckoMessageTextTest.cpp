// Data quoted in messages cannot forge a log line or flood one.

#include <gtest/gtest.h>

#include "coingecko/CoinGeckoMessageText.hpp"

namespace pricefeed::coingecko {
namespace {

TEST(CoinGeckoMessageText, OnlyPrintableAsciiSurvivesAndLongTextIsCut) {
  EXPECT_EQ(printable("BTC"), "BTC");
  EXPECT_EQ(printable("a\nb\tc\x7f"), "a?b?c?");
  EXPECT_EQ(printable("\xc3\xb8"), "??");
  EXPECT_EQ(printable(std::string(100, 'x'), 10), "xxxxxxxxxx...");
}

TEST(CoinGeckoMessageText, ListsSayHowManyAreLeftOut) {
  EXPECT_EQ(listed({}), "");
  EXPECT_EQ(listed({"a", "b"}), "a, b");
  EXPECT_EQ(listed({"a", "b", "c", "d"}, 2), "a, b and 2 more");
  EXPECT_EQ(listed({"x\ny"}), "x?y");
}

}  // namespace
}  // namespace pricefeed::coingecko
