#include <pricefeed/sdk.hpp>  // must compile on its own

#include <gtest/gtest.h>

TEST(SdkHeaderSdkHpp, IsSelfContained) {
  SUCCEED();
}
