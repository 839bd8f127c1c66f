#include <pricefeed/source.hpp>  // must compile on its own

#include <gtest/gtest.h>

TEST(SdkHeaderSourceHpp, IsSelfContained) {
  SUCCEED();
}
