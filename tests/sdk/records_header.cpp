#include <pricefeed/records.hpp>  // must compile on its own

#include <gtest/gtest.h>

TEST(SdkHeaderRecordsHpp, IsSelfContained) {
  SUCCEED();
}
