// Everything that defines one exchange's calendar, and the rules such a definition must keep. The
// loader checks each part as it reads it, to name the file line at fault; ExchangeCalendar checks
// the whole again, so that no calendar breaking them can exist.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <date/tz.h>

#include "host/calendar/DayRule.hpp"
#include "host/calendar/SessionHours.hpp"

namespace pricefeed::host {

// The years a calendar's rules are known for, both included.
struct YearRange {
  int first = 0;
  int last = 0;

  bool contains(std::chrono::year year) const {
    return static_cast<int>(year) >= first && static_cast<int>(year) <= last;
  }
  bool operator==(const YearRange&) const = default;
};

// Hours that replaced the previous ones from a date on (JPX's afternoon close moved to 15:30 on
// 2024-11-05).
struct SessionChange {
  std::chrono::sys_days from;
  std::vector<SessionHours> sessions;
};

// What is wrong with a definition; `index` is the position of the offending session when the problem
// is one session's (for the loader to name its line).
struct CalendarRuleProblem {
  std::string message;
  std::size_t index = 0;
};

// A rule that cannot hold on a day it works out (special hours outside that day's sessions, a lunar
// day its month lacks), found when the calendar is built: the rule's list ("holidays", "early_closes",
// "late_opens") and position, so that the loader names its line.
class CalendarRuleError : public std::invalid_argument {
 public:
  CalendarRuleError(std::string list, std::size_t index, const std::string& reason,
                    const std::string& context = "")
      : std::invalid_argument(context + reason), list_(std::move(list)), index_(index), reason_(reason) {}

  const std::string& list() const { return list_; }
  std::size_t index() const { return index_; }
  const std::string& reason() const { return reason_; }  // what() without the calendar's name

 private:
  std::string list_;
  std::size_t index_;
  std::string reason_;
};

struct ExchangeCalendarRules {
  // A day table entry keeps its hours in a byte and its rule's name in 16 bits.
  static constexpr std::size_t kMaxSessionChanges = 255;
  static constexpr std::size_t kMaxRules = 65535;

  std::string name;   // "NYSE": the key of [exchanges.NYSE], used by aliases and logs
  std::string title;  // "New York Stock Exchange"
  const date::time_zone* time_zone = nullptr;
  std::array<bool, 7> trading_weekdays{};      // by std::chrono::weekday::c_encoding(): [0] is Sunday
  std::vector<SessionHours> sessions;          // in force until the first change; in order, not overlapping
  std::vector<SessionChange> session_changes;  // by date, each later than the one before
  std::optional<YearRange> covered_years;      // nullopt: no rules, the same every year (CRYPTO)
  std::vector<DayRule> holidays;               // closed all day
  std::vector<SpecialHoursRule> early_closes;  // trading ends at `time`
  std::vector<SpecialHoursRule> late_opens;    // trading starts at `time`

  bool is_trading_weekday(std::chrono::weekday weekday) const {
    return trading_weekdays[weekday.c_encoding()];
  }

  // The hours in force on `day`.
  const std::vector<SessionHours>& sessions_on(std::chrono::sys_days day) const;

  // Sessions that are empty, out of order, overlapping, closing outside their trading day, or
  // spanning more than 24 hours (one trading day would then run into the next).
  static std::optional<CalendarRuleProblem> sessions_problem(const std::vector<SessionHours>& sessions);

  // Why `day` cannot be a dated holiday or special day: no covered years, a year outside them, or a
  // weekday without trading.
  std::optional<std::string> dated_day_problem(std::chrono::sys_days day) const;

  // Why a rule cannot be in force from `first` to `last`: outside the covered years, or reversed.
  std::optional<std::string> rule_years_problem(int first, int last) const;

  // Why trading cannot end early at (early close) or start late at (late open) `time`, local offset
  // from midnight: it must fall strictly inside the trading day under some hours of the calendar.
  std::optional<std::string> special_time_problem(std::chrono::minutes time) const;

  // The first rule the whole definition breaks, or nullopt when it keeps them all.
  std::optional<std::string> first_problem() const;
};

}  // namespace pricefeed::host
