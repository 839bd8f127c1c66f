// Each SDK header compiles on its own (the matching *_header.cpp includes it first) and sdk.h
// compiles as C with the same layout as in C++.
#include <pricefeed/sdk.h>

#include <gtest/gtest.h>

extern "C" size_t pricefeed_test_c_sizeof_descriptor(void);
extern "C" size_t pricefeed_test_c_sizeof_bar(void);

TEST(SdkHeaders, CAndCppAgreeOnTheLayout) {
  EXPECT_EQ(pricefeed_test_c_sizeof_descriptor(), sizeof(pricefeed_source_descriptor));
  EXPECT_EQ(pricefeed_test_c_sizeof_bar(), sizeof(pricefeed_bar));
}

TEST(SdkHeaders, VersionPacksMajorAndMinor) {
  EXPECT_EQ(PRICEFEED_ABI_VERSION, (PRICEFEED_ABI_MAJOR << 16) | PRICEFEED_ABI_MINOR);
  EXPECT_EQ(PRICEFEED_ABI_MAJOR_OF(0x00020003u), 2u);
  EXPECT_EQ(PRICEFEED_ABI_MINOR_OF(0x00020003u), 3u);
}
