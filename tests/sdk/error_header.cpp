#include <pricefeed/error.hpp>  // must compile on its own

#include <gtest/gtest.h>

TEST(SdkHeaderErrorHpp, IsSelfContained) {
  SUCCEED();
}
