// Each SDK header compiles on its own (the matching *_header.cpp includes it first) and sdk.h
// compiles as C with the same layout as in C++.
#include <pricefeed/sdk.h>

#include <type_traits>

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

// sdk.h once declared the entry point as returning int32_t. It now says pricefeed_status, which must
// stay the very same type: plugins built before, or still written with int32_t, are unchanged.
TEST(SdkHeaders, TheEntryPointReturnsAStatusThatIsStillAnInt32) {
  static_assert(std::is_same_v<pricefeed_status, int32_t>);
  static_assert(std::is_same_v<pricefeed_plugin_entry_fn,
                               int32_t (*)(const pricefeed_host_api*, const pricefeed_source_descriptor**)>);
  SUCCEED();
}

TEST(SdkHeaders, TheNameLimitIsInTheHeader) {
  EXPECT_EQ(PRICEFEED_MAX_NAME_LENGTH, 64);
}
