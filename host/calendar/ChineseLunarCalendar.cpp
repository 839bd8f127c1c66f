#include "host/calendar/ChineseLunarCalendar.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "host/calendar/Astronomy.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

constexpr std::chrono::hours kChinaStandardTime{8};  // UTC+8, since 1929
constexpr long kNoLeapMonth = -1000000;

// The UTC+8 date of a TT instant.
sys_days china_date(double julian_day_tt) {
  const sys_seconds utc =
      astronomy::instant_of_julian_day(astronomy::universal_from_terrestrial(julian_day_tt));
  return std::chrono::floor<days>(utc + kChinaStandardTime);
}

// The TT Julian day of 00:00 UTC+8 of a date.
double china_midnight(sys_days date) {
  return astronomy::terrestrial_from_universal(astronomy::julian_day(sys_seconds{date} - kChinaStandardTime));
}

// The date month `lunation` starts on (rule 1).
sys_days month_start(long lunation) {
  return china_date(astronomy::true_new_moon(lunation));
}

// Which 30-degree sector the Sun is in at the start of `date`: the major terms reached before it.
int major_terms_before(sys_days date) {
  return static_cast<int>(std::floor(astronomy::apparent_solar_longitude(china_midnight(date)) / 30.0));
}

// Whether a major term is reached on one of the dates of month `lunation`: from the start of its first
// date to the start of the next month's first date the Sun crosses a multiple of 30 degrees.
bool has_major_term(long lunation) {
  return major_terms_before(month_start(lunation)) != major_terms_before(month_start(lunation + 1));
}

// The lunation of month 11 of Gregorian year `year`: the month the December solstice's date is in
// (rule 2), i.e. the last month starting on or before that date.
long month_eleven(int year) {
  using namespace std::chrono;
  // The solstice near 21 December, solved for from the mean Sun's date.
  const double near = china_midnight(sys_days{std::chrono::year{year} / December / 21});
  const sys_days solstice = china_date(astronomy::solar_longitude_reached(270.0, near));
  long lunation = astronomy::lunation_at_or_before(china_midnight(solstice + days{1}));
  while (month_start(lunation) > solstice)
    --lunation;
  return lunation;
}

// The months from month 11 of `year - 1` to the month before month 11 of `year`, and its leap month.
struct Sui {
  long first_month;  // lunation of month 11 of year - 1
  long next_sui;     // lunation of month 11 of year
  long leap_month;   // lunation of the leap month, kNoLeapMonth when 12 months
};

Sui sui_ending_in(int year) {
  Sui sui{month_eleven(year - 1), month_eleven(year), kNoLeapMonth};
  if (sui.next_sui - sui.first_month == 13) {  // rule 3
    for (long lunation = sui.first_month + 1; lunation < sui.next_sui; ++lunation) {
      if (!has_major_term(lunation)) {
        sui.leap_month = lunation;
        break;
      }
    }
  }
  return sui;
}

}  // namespace

sys_days chinese_lunar_date(int gregorian_year, unsigned lunar_month, unsigned lunar_day) {
  if (gregorian_year < 1901 || gregorian_year > 2200) {
    throw std::out_of_range("Chinese year of Gregorian " + std::to_string(gregorian_year) +
                            " is outside 1901..2200");
  }
  if (lunar_month < 1 || lunar_month > 12) {
    throw std::out_of_range("lunar month " + std::to_string(lunar_month) + " is outside 1..12");
  }
  if (lunar_day < 1 || lunar_day > 30) {
    throw std::out_of_range("lunar day " + std::to_string(lunar_day) + " is outside 1..30");
  }
  long lunation = 0;
  if (lunar_month <= 10) {
    // Count months from month 11 of the year before, the leap month repeating its predecessor's number.
    const Sui sui = sui_ending_in(gregorian_year);
    lunation = sui.first_month;
    unsigned number = 11;
    while (number != lunar_month) {
      ++lunation;
      if (lunation != sui.leap_month) number = number == 12 ? 1 : number + 1;
    }
  } else {
    // Months 11 and 12 open the next sui; a leap 11 there comes between them (as in 2033).
    const Sui next = sui_ending_in(gregorian_year + 1);
    lunation = next.first_month;
    if (lunar_month == 12) lunation += next.leap_month == lunation + 1 ? 2 : 1;
  }
  const sys_days start = month_start(lunation);
  const auto length = (month_start(lunation + 1) - start).count();
  if (static_cast<long>(lunar_day) > length) {
    throw std::out_of_range("lunar month " + std::to_string(lunar_month) +
                            " of the Chinese year starting in " + std::to_string(gregorian_year) + " has " +
                            std::to_string(length) + " days, not " + std::to_string(lunar_day));
  }
  return start + days{lunar_day - 1};
}

}  // namespace pricefeed::host
