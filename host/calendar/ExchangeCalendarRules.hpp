// Everything that defines one exchange's calendar, and the rules such a definition must keep. The
// loader checks each part as it reads it, to name the file line at fault; ExchangeCalendar checks
// the whole again, so that no calendar breaking them can exist.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <date/tz.h>

#include "host/calendar/SessionHours.hpp"

namespace pricefeed::host {

// The years whose holidays and early closes a calendar lists, both included.
struct YearRange {
  int first = 0;
  int last = 0;

  bool contains(std::chrono::year year) const {
    return static_cast<int>(year) >= first && static_cast<int>(year) <= last;
  }
  bool operator==(const YearRange&) const = default;
};

// What is wrong with a definition; `index` is the position of the offending session when the problem
// is one session's (for the loader to name its line).
struct CalendarRuleProblem {
  std::string message;
  std::size_t index = 0;
};

struct ExchangeCalendarRules {
  std::string name;   // "NYSE": the key of [exchanges.NYSE], used by aliases and logs
  std::string title;  // "New York Stock Exchange"
  const date::time_zone* time_zone = nullptr;
  std::array<bool, 7> trading_weekdays{};  // by std::chrono::weekday::c_encoding(): [0] is Sunday
  std::vector<SessionHours> sessions;      // in order, not overlapping
  std::optional<YearRange> covered_years;  // nullopt: no holidays nor early closes, the same every year
  std::set<std::chrono::sys_days> holidays;
  std::map<std::chrono::sys_days, std::chrono::minutes> early_closes;  // date -> local close time
  // Early-close days whose trading rolls into the next day's daily bar instead of having one of its
  // own: CME Globex's U.S.-holiday sessions settle with the next trading day. Each is an early close.
  std::set<std::chrono::sys_days> without_daily_bar;

  bool is_trading_weekday(std::chrono::weekday weekday) const {
    return trading_weekdays[weekday.c_encoding()];
  }

  // Sessions that are empty, out of order, overlapping, closing outside their trading day, or
  // spanning more than 24 hours (one trading day would then run into the next).
  std::optional<CalendarRuleProblem> sessions_problem() const;

  // Why `day` cannot be listed as a holiday or an early close: no covered years, a year outside them,
  // or a weekday without trading.
  std::optional<std::string> special_day_problem(std::chrono::sys_days day) const;

  // Why trading cannot end early at `close` (local offset from midnight): it must fall after the first
  // session opens and before the last one closes.
  std::optional<std::string> early_close_problem(std::chrono::minutes close) const;

  // The first rule the whole definition breaks, or nullopt when it keeps them all.
  std::optional<std::string> first_problem() const;
};

}  // namespace pricefeed::host
