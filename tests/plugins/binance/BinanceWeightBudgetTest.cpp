// The minute's request-weight budget: what X-MBX-USED-WEIGHT-1M said plus what was sent since, reset
// at each minute boundary, refusing a call that would pass Binance's limit.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pricefeed/error.hpp>

#include "binance/BinanceWeightBudget.hpp"

namespace pricefeed::binance {
namespace {

using ::testing::HasSubstr;

constexpr std::int64_t kMinute = 1'740'000'000'000 / 60'000 * 60'000;  // a minute boundary, in ms

TEST(BinanceWeightBudget, SpendsUpToTheLimitWithinOneMinute) {
  BinanceWeightBudget budget;
  budget.spend(20, kMinute + 1'000, 24);
  budget.spend(2, kMinute + 2'000, 24);
  budget.spend(2, kMinute + 3'000, 24);
  EXPECT_EQ(budget.used(kMinute + 3'000), 24u);
  EXPECT_THROW(budget.spend(1, kMinute + 4'000, 24), Error);
}

TEST(BinanceWeightBudget, RefusesWithTheTimeToTheNextMinuteAndASecondToSpare) {
  BinanceWeightBudget budget;
  budget.observe(5999, kMinute + 15'250);
  try {
    budget.spend(2, kMinute + 15'250, 6000);
    FAIL() << "spent past the limit";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::rate_limited);
    EXPECT_EQ(e.retry_after(), std::chrono::milliseconds(60'000 - 15'250 + 1'000));
    EXPECT_THAT(e.what(), HasSubstr("5999 of the 6000 request weight"));
    EXPECT_THAT(e.what(), HasSubstr("a call of weight 2"));
  }
  EXPECT_EQ(budget.used(kMinute + 15'250), 5999u) << "a refused call spends nothing";
}

TEST(BinanceWeightBudget, ANewMinuteStartsFromNothing) {
  BinanceWeightBudget budget;
  budget.observe(6000, kMinute + 59'999);
  EXPECT_THROW(budget.spend(2, kMinute + 59'999, 6000), Error);
  budget.spend(2, kMinute + 60'000, 6000);
  EXPECT_EQ(budget.used(kMinute + 60'000), 2u);
  EXPECT_EQ(budget.used(kMinute + 120'000), 0u);
}

TEST(BinanceWeightBudget, AnAnswerNeverLowersWhatIsKnownForItsMinute) {
  BinanceWeightBudget budget;
  budget.spend(20, kMinute + 1'000, 6000);
  budget.spend(2, kMinute + 1'100, 6000);
  budget.observe(20, kMinute + 1'200);  // counted before our second call reached Binance
  EXPECT_EQ(budget.used(kMinute + 1'200), 22u);
  budget.observe(300, kMinute + 1'300);  // someone else on the same address
  EXPECT_EQ(budget.used(kMinute + 1'300), 300u);
}

TEST(BinanceWeightBudget, AnAnswerOfAnEarlierMinuteIsIgnored) {
  BinanceWeightBudget budget;
  budget.spend(2, kMinute + 60'500, 6000);
  budget.observe(5000, kMinute + 59'000);
  EXPECT_EQ(budget.used(kMinute + 60'500), 2u);
}

TEST(BinanceWeightBudget, AnAnswerOfALaterMinuteReplacesTheCount) {
  BinanceWeightBudget budget;
  budget.observe(5000, kMinute + 1'000);
  budget.observe(4, kMinute + 61'000);
  EXPECT_EQ(budget.used(kMinute + 61'000), 4u);
}

}  // namespace
}  // namespace pricefeed::binance
