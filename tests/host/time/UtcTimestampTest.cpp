#include "host/time/UtcTimestamp.hpp"

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

TEST(UtcTimestamp, ReadsBackWhatItWrites) {
  const sys_seconds instant = sys_days{year{2026} / 11 / 27} + 17h + 30min;
  EXPECT_EQ(parse_utc_timestamp("2026-11-27T17:30:00Z"), instant);
  EXPECT_EQ(parse_utc_timestamp(format_utc_timestamp(instant)), instant);
}

TEST(UtcTimestamp, ReadsNothingButAnInstantInUtc) {
  for (const char* text : {"", "2026-11-27", "2026-11-27T17:30:00", "2026-11-27T17:30:00+01:00",
                           "2026-11-27T24:30:00Z", "2026-02-30T17:30:00Z", "2026-11-27T17:30:00Zx"}) {
    EXPECT_EQ(parse_utc_timestamp(text), std::nullopt) << text;
  }
}

TEST(CopyTimestamp, FormatsTimestampsAsUtc) {
  constexpr std::int64_t k2024 = 1704067200;  // 2024-01-01T00:00:00Z
  EXPECT_EQ(format_copy_timestamp(0), "1970-01-01 00:00:00+00");
  EXPECT_EQ(format_copy_timestamp(k2024 + 13 * 3600 + 30 * 60 + 5), "2024-01-01 13:30:05+00");
  EXPECT_EQ(format_copy_timestamp(-2208988800), "1900-01-01 00:00:00+00");
  EXPECT_EQ(format_copy_timestamp(-1), "1969-12-31 23:59:59+00");
}

}  // namespace
}  // namespace pricefeed::host
