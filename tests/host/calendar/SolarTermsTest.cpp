// The solar terms (host/calendar/SolarTerms.hpp) against published instants and against the dates of
// exchange_calendars's tables (tests/fixtures/calendars, origin in tests/fixtures/README.md).
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "host/calendar/SolarTerms.hpp"
#include "host/time/CalendarDate.hpp"
#include "tests/host/calendar/CalendarTestTimes.hpp"
#include "tests/host/calendar/ReferenceSessions.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using calendar_test::read_reference_table;
using calendar_test::ymd;

constexpr minutes kJapan{9 * 60};
constexpr minutes kHongKong{8 * 60};

// Seconds from `expected` to the computed instant.
long long error_seconds(int year, int longitude, sys_days day, seconds time_of_day) {
  return (solar_longitude_instant(year, longitude) - (day + time_of_day)).count();
}

// March equinoxes to the second from the JPL DE431/DE441 ephemerides with IAU 2006 precession and
// 2000A/B nutation, as computed by Paul Hirose and posted to NavList ("Time of Spring", 2018-03-21;
// "Today's the Spring Equinox", 2019-03-25, where IMCCE's 21:58:27.05 UTC agrees; "Dec on equinox
// day", 2025-03-21). Those use the measured Delta T; ours is Espenak and Meeus's polynomial, 1.5 s
// more in 2018 and 5 s more in 2025. The series of Bretagnon and Simon is 12 to 42 s early here.
TEST(SolarTermsTest, MarchEquinoxesAreWithinAMinuteOfTheJplEphemeris) {
  EXPECT_LE(std::abs(error_seconds(2018, 0, ymd(2018, 3, 20), 16h + 15min + 27s)), 60);
  EXPECT_LE(std::abs(error_seconds(2019, 0, ymd(2019, 3, 20), 21h + 58min + 27s)), 60);
  EXPECT_LE(std::abs(error_seconds(2025, 0, ymd(2025, 3, 20), 9h + 1min + 29s)), 60);
}

// Japan's Vernal and Autumnal Equinox Days, 1997-2040, are the equinoxes' dates in Japan Standard
// Time. exchange_calendars lists the days observed, moved to Monday when the day is a Sunday (the
// substitute holiday of the Act on National Holidays), so a Sunday equinox is compared as the Monday.
TEST(SolarTermsTest, JapanEquinoxDaysMatchExchangeCalendars1997To2040) {
  int compared = 0;
  for (const auto& row : read_reference_table("japan-equinox-holidays.csv")) {
    const int year = std::stoi(row.at("year"));
    for (const auto& [longitude, column] :
         {std::pair{0, "vernal_equinox_day_observed"}, std::pair{180, "autumnal_equinox_day_observed"}}) {
      const sys_days equinox = solar_term_date(year, longitude, kJapan);
      const sys_days observed = weekday{equinox} == Sunday ? equinox + days{1} : equinox;
      const sys_days reference = parse_iso_date(row.at(column));
      EXPECT_EQ(observed, reference) << year << " longitude " << longitude << ": computed equinox "
                                     << format_iso_date(equinox) << " (observed " << format_iso_date(observed)
                                     << "), exchange_calendars " << format_iso_date(reference);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 88);
}

// Japan's Cabinet Office / NAOJ announcements, as in config/exchanges.toml: 2025-03-20, 2025-09-23,
// 2026-03-20, 2026-09-23, and 2027-03-21, a Sunday (observed on Monday 2027-03-22).
TEST(SolarTermsTest, JapanEquinoxDaysAsAnnounced) {
  EXPECT_EQ(solar_term_date(2025, 0, kJapan), ymd(2025, 3, 20));
  EXPECT_EQ(solar_term_date(2025, 180, kJapan), ymd(2025, 9, 23));
  EXPECT_EQ(solar_term_date(2026, 0, kJapan), ymd(2026, 3, 20));
  EXPECT_EQ(solar_term_date(2026, 180, kJapan), ymd(2026, 9, 23));
  EXPECT_EQ(solar_term_date(2027, 0, kJapan), ymd(2027, 3, 21));
}

// Hong Kong's Ching Ming Festival is the date of longitude 15 in UTC+8. exchange_calendars's
// qingming_festival_dates are dates in Asia/Shanghai (UTC+8 in April in every year listed).
TEST(SolarTermsTest, QingmingMatchesExchangeCalendars1990To2049) {
  int compared = 0;
  for (const auto& row : read_reference_table("chinese-lunar-holidays.csv")) {
    const int year = std::stoi(row.at("year"));
    const sys_days computed = solar_term_date(year, 15, kHongKong);
    const sys_days reference = parse_iso_date(row.at("qingming"));
    EXPECT_EQ(computed, reference) << year << ": computed " << format_iso_date(computed)
                                   << ", exchange_calendars " << format_iso_date(reference);
    ++compared;
  }
  EXPECT_EQ(compared, 60);
}

// HKSAR general holidays (the Ching Ming Festival of 2025 and 2026; 2026-04-05 is a Sunday, whence
// the Monday holiday in config/exchanges.toml).
TEST(SolarTermsTest, HongKongChingMingAsGazetted) {
  EXPECT_EQ(solar_term_date(2025, 15, kHongKong), ymd(2025, 4, 4));
  EXPECT_EQ(solar_term_date(2026, 15, kHongKong), ymd(2026, 4, 5));
}

// Every year 1900..2200 has its 24 terms in order, 14.7 to 15.8 days apart (the Sun is fastest in
// January), from longitude 285 in early January to 270 in late December.
TEST(SolarTermsTest, TheTermsOfEveryYearAreInOrder) {
  for (int year = 1900; year <= 2200; ++year) {
    sys_seconds previous = solar_longitude_instant(year, 285);
    EXPECT_EQ(year_month_day{floor<days>(previous)}.month(), January) << year;
    for (int step = 1; step < 24; ++step) {
      const int longitude = (285 + 15 * step) % 360;
      const sys_seconds instant = solar_longitude_instant(year, longitude);
      const double gap_days = duration<double, days::period>(instant - previous).count();
      EXPECT_GT(gap_days, 14.7) << year << " longitude " << longitude;
      EXPECT_LT(gap_days, 15.8) << year << " longitude " << longitude;
      previous = instant;
    }
    EXPECT_EQ(year_month_day{floor<days>(previous)}.month(), December) << year;
  }
}

TEST(SolarTermsTest, The2100EquinoxesAndChingMingAreComputed) {
  // No published value to compare with; the dates the mean Sun allows.
  const year_month_day vernal{solar_term_date(2100, 0, kJapan)};
  EXPECT_EQ(vernal.month(), March);
  EXPECT_GE(vernal.day(), day{19});
  EXPECT_LE(vernal.day(), day{22});
  const year_month_day autumnal{solar_term_date(2100, 180, kJapan)};
  EXPECT_EQ(autumnal.month(), September);
  EXPECT_GE(autumnal.day(), day{21});
  EXPECT_LE(autumnal.day(), day{24});
  const year_month_day qingming{solar_term_date(2100, 15, kHongKong)};
  EXPECT_EQ(qingming.month(), April);
  EXPECT_GE(qingming.day(), day{3});
  EXPECT_LE(qingming.day(), day{6});
}

TEST(SolarTermsTest, RefusesOtherLongitudesAndYears) {
  EXPECT_THROW(solar_longitude_instant(2025, 7), std::out_of_range);
  EXPECT_THROW(solar_longitude_instant(2025, 360), std::out_of_range);
  EXPECT_THROW(solar_longitude_instant(2025, -15), std::out_of_range);
  EXPECT_THROW(solar_longitude_instant(1899, 0), std::out_of_range);
  EXPECT_THROW(solar_longitude_instant(2201, 0), std::out_of_range);
  EXPECT_NO_THROW(solar_longitude_instant(1900, 345));
  EXPECT_NO_THROW(solar_longitude_instant(2200, 270));
}

}  // namespace
}  // namespace pricefeed::host
