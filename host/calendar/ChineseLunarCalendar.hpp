// Gregorian dates of Chinese lunisolar dates, for Hong Kong's holidays: Lunar New Year (1/1 and the
// two days after), Buddha's Birthday (4/8), Tuen Ng (5/5), the day after Mid-Autumn (8/15 + 1) and
// Chung Yeung (9/9).
//
// The modern rules (in force since 1929; Aslaksen, "The Mathematics of the Chinese Calendar", 2010,
// sections 3-5; the Chinese national standard GB/T 33661-2017 states the same), all reckoned in China
// Standard Time, UTC+8:
//   1. a month starts on the date of a new moon and lasts to the day before the next;
//   2. the December solstice (solar longitude 270) falls in month 11;
//   3. when 13 months start between two consecutive months 11 (a "sui" of 13 months), the first
//      month of that sui in which no major solar term (zhongqi, longitude a multiple of 30 degrees)
//      falls is a leap month, bearing the number of the month before it;
//   4. New Year (1/1) is the month after 12 (not a leap 11 or 12).
// A month has a major term when a multiple of 30 degrees is reached on one of its dates (UTC+8).
// New moons are Meeus's (Astronomical Algorithms, ch. 49) and the Sun's longitude Bretagnon and
// Simon's (host/calendar/Astronomy.hpp). Dates before 1929 follow the same rules at UTC+8 although
// China then used Beijing's local mean time (UTC+7:45:40), so they can differ from historical
// almanacs by a day where a new moon fell in that quarter hour. Thread-safe, no state.
#pragma once

#include <chrono>

namespace pricefeed::host {

// The Gregorian date of day `lunar_day` (1..30) of the non-leap month `lunar_month` (1..12) of the
// Chinese year whose New Year (1/1) falls in `gregorian_year` (months 11 and 12 are therefore in the
// following December or January). Throws std::out_of_range for a year outside 1901..2200, a month
// outside 1..12, or a day that month does not have (30 of a 29-day month).
std::chrono::sys_days chinese_lunar_date(int gregorian_year, unsigned lunar_month, unsigned lunar_day);

}  // namespace pricefeed::host
