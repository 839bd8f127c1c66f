#include <pricefeed/host.hpp>  // must compile on its own

#include <gtest/gtest.h>

TEST(SdkHeaderHostHpp, IsSelfContained) {
  SUCCEED();
}
