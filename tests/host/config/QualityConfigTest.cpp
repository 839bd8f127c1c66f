// [quality]'s thresholds of the anomaly and divergence checks: read, defaulted, and refused with the
// file, line and key when they make no sense.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/host/config/ConfigFileTest.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

class QualityConfigTest : public ConfigFileTest {};

TEST_F(QualityConfigTest, DefaultsAreFiftyPercentForEveryClassAndTwoPercentBetweenSources) {
  const Config config = load("");
  EXPECT_EQ(config.quality.spike_threshold_pct, 50);
  EXPECT_EQ(config.quality.spike_threshold_for(AssetClass::crypto), 50);
  EXPECT_EQ(config.quality.divergence_threshold_pct, 2);
  EXPECT_TRUE(config.quality.divergence_check);
}

TEST_F(QualityConfigTest, AClassMayHaveAThresholdOfItsOwn) {
  const Config config = load(
      "[quality]\nspike_threshold_pct = 40\ndivergence_threshold_pct = 2.5\ndivergence_check = false\n"
      "[quality.spike_threshold_pct_by_class]\ncrypto = 80\nforex = 12.5\n");
  EXPECT_EQ(config.quality.spike_threshold_for(AssetClass::stock), 40);
  EXPECT_EQ(config.quality.spike_threshold_for(AssetClass::crypto), 80);
  EXPECT_EQ(config.quality.spike_threshold_for(AssetClass::forex), 12.5);
  EXPECT_EQ(config.quality.divergence_threshold_pct, 2.5);
  EXPECT_FALSE(config.quality.divergence_check);
}

TEST_F(QualityConfigTest, ThresholdsOutOfRangeOrOfTheWrongTypeNameTheKeyAndLine) {
  EXPECT_EQ(
      error_of("[quality]\nspike_threshold_pct = 0\n"),
      where(2) + "quality.spike_threshold_pct: must be above 0 and at most 1000 (percent), got 0.000000");
  EXPECT_THAT(error_of("[quality]\n\ndivergence_threshold_pct = \"2%\"\n"),
              HasSubstr(where(3) + "quality.divergence_threshold_pct: expected a number of percent"));
  EXPECT_THAT(error_of("[quality]\ndivergence_check = 1\n"),
              HasSubstr(where(2) + "quality.divergence_check"));
}

TEST_F(QualityConfigTest, AnUnknownClassOrABadClassThresholdIsAnError) {
  EXPECT_THAT(error_of("[quality.spike_threshold_pct_by_class]\ncrypto = 80\ncrytpo = 90\n"),
              HasSubstr(where(3) + "quality.spike_threshold_pct_by_class.crytpo: unknown asset class"));
  EXPECT_THAT(error_of("[quality.spike_threshold_pct_by_class]\nstock = -5\n"),
              HasSubstr(where(2) + "quality.spike_threshold_pct_by_class.stock: must be above 0"));
}

}  // namespace
}  // namespace pricefeed::host
