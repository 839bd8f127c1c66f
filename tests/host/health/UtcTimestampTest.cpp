#include "host/health/UtcTimestamp.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using namespace std::chrono;

TEST(UtcTimestamp, FormatsToTheSecondInUtc) {
  const UtcTime instant = sys_days{year{2026} / 1 / 2} + 3h + 4min + 5s + 999ms;
  EXPECT_EQ(format_utc_timestamp(instant), "2026-01-02T03:04:05Z");
}

TEST(UtcTimestamp, InstantsBeforeTheEpochRoundDownNotTowardIt) {
  EXPECT_EQ(format_utc_timestamp(UtcTime{-1ms}), "1969-12-31T23:59:59Z");
}

}  // namespace
}  // namespace pricefeed::host
