// missing_history: which range a buy needs that nobody has queued yet.

#include "host/orchestrator/HistoryRange.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;

constexpr sys_days kToday = sys_days{year{2026} / 3 / 2};
constexpr sys_days kEpoch{};  // [worker].earliest_history's default, 1970-01-01

sys_days day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / m / d};
}

TEST(HistoryRange, UntrackedAssetNeedsTheLookbackUpToToday) {
  EXPECT_EQ(missing_history(std::nullopt, day(2026, 1, 15), 365, kToday, kEpoch),
            (HistoryRange{day(2025, 1, 15), kToday}));
}

TEST(HistoryRange, EarlierBuyNeedsOnlyTheDaysBeforeTheCoveredHistory) {
  EXPECT_EQ(missing_history(day(2025, 1, 15), day(2025, 6, 1), 365, kToday, kEpoch),
            (HistoryRange{day(2024, 6, 1), day(2025, 1, 14)}));
}

TEST(HistoryRange, BuyWithinCoveredHistoryNeedsNothing) {
  EXPECT_EQ(missing_history(day(2025, 1, 15), day(2026, 2, 1), 365, kToday, kEpoch), std::nullopt);
  EXPECT_EQ(missing_history(day(2025, 1, 15), day(2026, 1, 15), 365, kToday, kEpoch), std::nullopt);
}

TEST(HistoryRange, ATradeDatedTomorrowStillCoversItsOwnDay) {
  EXPECT_EQ(missing_history(std::nullopt, kToday + days{1}, 0, kToday, kEpoch),
            (HistoryRange{kToday + days{1}, kToday + days{1}}));
}

TEST(HistoryRange, AStartBeforeEarliestHistoryIsClamped) {
  // A buy dated 1900 wants 1899 on; no job starts before earliest_history.
  EXPECT_EQ(missing_history(std::nullopt, day(1900, 6, 1), 365, kToday, kEpoch),
            (HistoryRange{kEpoch, kToday}));
  // Tracked from 1980: only 1970..1979 is missing.
  EXPECT_EQ(missing_history(day(1980, 1, 1), day(1900, 6, 1), 365, kToday, kEpoch),
            (HistoryRange{kEpoch, day(1979, 12, 31)}));
  // Tracked from earliest_history already: nothing more.
  EXPECT_EQ(missing_history(kEpoch, day(1900, 6, 1), 365, kToday, kEpoch), std::nullopt);
}

}  // namespace
}  // namespace pricefeed::host
