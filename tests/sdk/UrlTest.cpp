#include <pricefeed/url.hpp>

#include <gtest/gtest.h>

namespace pricefeed {
namespace {

TEST(SdkUrl, EscapesEverySegmentAndQueryValue) {
  Url url("https://query1.finance.yahoo.com/");
  url.path("/v8/finance/chart").segment("EURUSD=X").query("period1", 1577836800).query("events", "div|split");
  EXPECT_EQ(
      url.str(),
      "https://query1.finance.yahoo.com/v8/finance/chart/EURUSD%3DX?period1=1577836800&events=div%7Csplit");
}

TEST(SdkUrl, ASegmentCannotClimbOrAddAQuery) {
  EXPECT_EQ(Url("http://h").segment("../../etc/passwd?x=1").str(), "http://h/..%2F..%2Fetc%2Fpasswd%3Fx%3D1");
  EXPECT_EQ(url_escape("a b&c/d\n"), "a%20b%26c%2Fd%0A");
  EXPECT_EQ(url_escape("BRK-B.L_~"), "BRK-B.L_~");
}

}  // namespace
}  // namespace pricefeed
