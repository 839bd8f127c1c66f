#include <pricefeed/plugin.hpp>  // must compile on its own

#include <gtest/gtest.h>

TEST(SdkHeaderPluginHpp, IsSelfContained) {
  SUCCEED();
}
