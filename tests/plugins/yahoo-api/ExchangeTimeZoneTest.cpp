// The trading-date rule: a daily bar's instant, read on the exchange's clock, names its date.

#include "yahoo-api/ExchangeTimeZone.hpp"

#include <gtest/gtest.h>

#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::yahoo {
namespace {

using plugins::test::utc_midnight;

TEST(ExchangeTimeZone, NewYorkEquityOpenInWinterAndSummer) {
  const auto zone = ExchangeTimeZone::resolve("America/New_York", -18000);
  EXPECT_FALSE(zone.uses_fixed_offset());
  EXPECT_EQ(zone.trading_date_ts(1577975400), utc_midnight(2020, 1, 2));   // 09:30 EST
  EXPECT_EQ(zone.trading_date_ts(1621431000), utc_midnight(2021, 5, 19));  // 09:30 EDT
}

TEST(ExchangeTimeZone, NewYorkFuturesMidnightAcrossDaylightSaving) {
  const auto zone = ExchangeTimeZone::resolve("America/New_York", -18000);
  EXPECT_EQ(zone.trading_date_ts(1577941200), utc_midnight(2020, 1, 2));  // 00:00 EST = 05:00 UTC
  EXPECT_EQ(zone.trading_date_ts(1625112000), utc_midnight(2021, 7, 1));  // 00:00 EDT = 04:00 UTC
  // The same summer instant read with the winter gmtoffset of the fetch would be the day before:
  // why the zone name, not meta.gmtoffset, decides.
  const auto fixed = ExchangeTimeZone::resolve("", -18000);
  EXPECT_EQ(fixed.trading_date_ts(1625112000), utc_midnight(2021, 6, 30));
}

TEST(ExchangeTimeZone, AsiaPacificSessionsThatOpenBeforeUtcMidnight) {
  // 10:00 in Auckland (NZST, UTC+12) on 2021-07-01 is 22:00 UTC on 2021-06-30.
  const auto auckland = ExchangeTimeZone::resolve("Pacific/Auckland", 43200);
  EXPECT_EQ(auckland.trading_date_ts(1625090400), utc_midnight(2021, 7, 1));
  // 09:00 in Tokyo is 00:00 UTC the same day.
  const auto tokyo = ExchangeTimeZone::resolve("Asia/Tokyo", 32400);
  EXPECT_EQ(tokyo.trading_date_ts(utc_midnight(2021, 7, 1)), utc_midnight(2021, 7, 1));
}

TEST(ExchangeTimeZone, UtcAndLondon) {
  EXPECT_EQ(ExchangeTimeZone::resolve("UTC", 0).trading_date_ts(1577836800), utc_midnight(2020, 1, 1));
  const auto london = ExchangeTimeZone::resolve("Europe/London", 0);
  EXPECT_EQ(london.trading_date_ts(1577952000), utc_midnight(2020, 1, 2));  // 08:00 GMT
  EXPECT_EQ(london.trading_date_ts(1625122800), utc_midnight(2021, 7, 1));  // 08:00 BST = 07:00 UTC
}

TEST(ExchangeTimeZone, UnknownNameFallsBackToTheFixedOffset) {
  const auto zone = ExchangeTimeZone::resolve("Not/A_Zone", 19800);  // +05:30
  EXPECT_TRUE(zone.uses_fixed_offset());
  EXPECT_EQ(zone.describe(), "UTC+05:30 (fixed)");
  // 2021-06-30 20:00 UTC is 01:30 on 2021-07-01 at +05:30.
  EXPECT_EQ(zone.trading_date_ts(utc_midnight(2021, 6, 30) + 20 * 3600), utc_midnight(2021, 7, 1));
  EXPECT_EQ(ExchangeTimeZone::resolve("America/New_York", 0).describe(), "America/New_York");
}

TEST(ExchangeTimeZone, InstantsBefore1970) {
  const auto zone = ExchangeTimeZone::resolve("America/New_York", -18000);
  // 1962-01-02 14:30 UTC.
  EXPECT_EQ(zone.trading_date_ts(utc_midnight(1962, 1, 2) + 14 * 3600 + 1800), utc_midnight(1962, 1, 2));
  EXPECT_EQ(iso_date_utc(utc_midnight(1962, 1, 2)), "1962-01-02");
}

}  // namespace
}  // namespace pricefeed::yahoo
