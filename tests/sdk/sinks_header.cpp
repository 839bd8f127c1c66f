#include <pricefeed/sinks.hpp>  // must compile on its own

#include <gtest/gtest.h>

TEST(SdkHeaderSinksHpp, IsSelfContained) {
  SUCCEED();
}
