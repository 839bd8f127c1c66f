// missing_history: which range a buy needs that nobody has queued yet.

#include "host/orchestrator/HistoryRange.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;

constexpr sys_days kToday = sys_days{year{2026} / 3 / 2};

sys_days day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / m / d};
}

TEST(HistoryRange, UntrackedAssetNeedsTheLookbackUpToToday) {
  EXPECT_EQ(missing_history(std::nullopt, day(2026, 1, 15), 365, kToday),
            (HistoryRange{day(2025, 1, 15), kToday}));
}

TEST(HistoryRange, EarlierBuyNeedsOnlyTheDaysBeforeTheCoveredHistory) {
  EXPECT_EQ(missing_history(day(2025, 1, 15), day(2025, 6, 1), 365, kToday),
            (HistoryRange{day(2024, 6, 1), day(2025, 1, 14)}));
}

TEST(HistoryRange, BuyWithinCoveredHistoryNeedsNothing) {
  EXPECT_EQ(missing_history(day(2025, 1, 15), day(2026, 2, 1), 365, kToday), std::nullopt);
  EXPECT_EQ(missing_history(day(2025, 1, 15), day(2026, 1, 15), 365, kToday), std::nullopt);
}

TEST(HistoryRange, ATradeDatedTomorrowStillCoversItsOwnDay) {
  EXPECT_EQ(missing_history(std::nullopt, kToday + days{1}, 0, kToday),
            (HistoryRange{kToday + days{1}, kToday + days{1}}));
}

}  // namespace
}  // namespace pricefeed::host
