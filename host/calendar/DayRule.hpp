// A rule that names the days of a year on which something happens to an exchange's trading: a holiday
// closes it, an early close or a late open shortens it. Calendars are written as such rules rather
// than as dated lists, so that they hold for every year (docs/calendars.md, "Rules").
#pragma once

#include <array>
#include <chrono>
#include <climits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <date/tz.h>

namespace pricefeed::host {

// A fixed day of the Gregorian year: 25 December.
struct FixedDate {
  unsigned month = 1;
  unsigned day = 1;
};

// The n-th weekday of a month (nth 1..5), or its last (nth -1): the fourth Thursday of November.
struct NthWeekday {
  unsigned month = 1;
  std::chrono::weekday weekday;
  int nth = 1;
};

// Days from Easter Sunday: Good Friday -2, Easter Monday 1, Ascension 39, Whit Monday 50.
struct EasterOffset {
  int days = 0;
};

// A day of the Chinese lunisolar calendar (China Standard Time): Lunar New Year is month 1 day 1.
struct LunarDate {
  unsigned month = 1;
  unsigned day = 1;
};

// The day the Sun reaches an ecliptic longitude (a multiple of 15 degrees), in the exchange's standard
// time: 0 the March equinox, 15 Qingming (Ching Ming), 180 the September equinox.
struct SolarTerm {
  int longitude = 0;
};

// Dated days, for closures no rule foresees (2001-09-11, days of national mourning).
struct DateList {
  std::vector<std::chrono::sys_days> dates;
};

// A weekday between two holidays (Japan's "citizens' holiday"), found after every other holiday.
struct BetweenHolidays {};

using DayRuleDate =
    std::variant<FixedDate, NthWeekday, EasterOffset, LunarDate, SolarTerm, DateList, BetweenHolidays>;

// Where a day that falls when the exchange does not trade anyway is observed instead.
enum class Observance {
  none,                     // not at all
  nearest_weekday,          // Saturday to the Friday before, Sunday to the Monday after
  sunday_to_monday,         // Sunday to Monday; a Saturday is not observed
  weekend_to_monday,        // Saturday or Sunday to the Monday after
  next_free_day,            // a weekend or another holiday to the next trading day that is free
  sunday_to_next_free_day,  // as next_free_day for a Sunday or another holiday; a Saturday stays
  previous_free_day,        // a weekend or another holiday to the trading day before that is free
};

inline constexpr int kAnyYear = INT_MIN;

struct DayRule {
  std::string name;  // "Good Friday": what ExchangeCalendar::special_day() names the day by
  DayRuleDate date;
  int offset_days = 0;  // added to the date: the day after Thanksgiving is Thanksgiving + 1
  Observance observance = Observance::none;
  // The rule applies only when the day it lands on (after the offset and observance) is one of these,
  // by std::chrono::weekday::c_encoding(): [0] is Sunday.
  std::array<bool, 7> weekdays{true, true, true, true, true, true, true};
  int first_year = kAnyYear;  // the years the rule is in force, both included
  int last_year = INT_MAX;

  bool in_force(int year) const { return year >= first_year && year <= last_year; }
  bool allows(std::chrono::sys_days day) const { return weekdays[std::chrono::weekday{day}.c_encoding()]; }

  // The rule's days in `year`, offset but before observance and the weekdays filter: none, one, or (a
  // DateList) several. `zone` places a SolarTerm. BetweenHolidays has none here: the calendar finds
  // those days itself.
  std::vector<std::chrono::sys_days> days_in(int year, const date::time_zone& zone) const;
};

// A rule that changes a trading day's hours rather than closing it.
struct SpecialHoursRule {
  DayRule day;
  std::chrono::minutes time{0};  // local offset from the trading day's midnight
  bool daily_bar = true;         // false: that day's trading settles with the next day's daily bar
};

}  // namespace pricefeed::host
