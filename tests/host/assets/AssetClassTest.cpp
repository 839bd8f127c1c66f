#include "host/assets/AssetClass.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

TEST(AssetClass, KnowsTheFiveAssetClasses) {
  for (std::string_view asset_class : {"stock", "crypto", "commodity", "forex", "bond"}) {
    EXPECT_TRUE(parse_asset_class(asset_class).has_value()) << asset_class;
  }
  EXPECT_FALSE(parse_asset_class("etf"));
  EXPECT_FALSE(parse_asset_class("Stock"));
}

TEST(AssetClass, ReadsBackTheNamesItWrites) {
  for (const AssetClass asset_class : kAssetClasses)
    EXPECT_EQ(parse_asset_class(asset_class_name(asset_class)), asset_class);
  EXPECT_EQ(parse_asset_class("crypto"), AssetClass::crypto);
}

TEST(AssetClass, ARequiredClassNamesTheTextAndTheClasses) {
  EXPECT_EQ(require_asset_class("forex"), AssetClass::forex);
  try {
    require_asset_class("equity");
    FAIL() << "equity was taken";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "\"equity\" is not an asset class; expected one of stock, crypto, commodity, forex, bond");
  }
}

TEST(AssetClass, ListsTheChoicesForMessages) {
  EXPECT_EQ(asset_class_choices(), "stock, crypto, commodity, forex, bond");
  EXPECT_EQ(asset_class_choices(" or "), "stock, crypto, commodity, forex or bond");
}

}  // namespace
}  // namespace pricefeed::host
