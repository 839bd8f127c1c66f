#include "host/calendar/ExchangeCalendarRules.hpp"

#include <algorithm>

#include "host/time/CalendarDate.hpp"
#include "host/time/TimeOfDay.hpp"

namespace pricefeed::host {
namespace {

constexpr std::chrono::minutes kDay = std::chrono::hours(24);

std::string weekday_name(std::chrono::weekday weekday) {
  static constexpr std::array<const char*, 7> kNames = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                        "Thursday", "Friday", "Saturday"};
  return kNames[weekday.c_encoding()];
}

}  // namespace

std::optional<CalendarRuleProblem> ExchangeCalendarRules::sessions_problem() const {
  if (sessions.empty()) return CalendarRuleProblem{"a calendar needs at least one session", 0};
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const SessionHours& session = sessions[i];
    if (session.close <= std::chrono::minutes(0) || session.close > kDay) {
      return CalendarRuleProblem{"close " + format_time_of_day(session.close) +
                                     " is not on the trading day: a session closes after 00:00 and by "
                                     "24:00 of its own day",
                                 i};
    }
    if (session.open < -kDay || session.open >= session.close) {
      return CalendarRuleProblem{"close " + format_time_of_day(session.close) + " is not after open " +
                                     format_time_of_day(session.open) +
                                     " (a session that opens the evening before sets "
                                     "opens_previous_day = true)",
                                 i};
    }
    if (i > 0 && session.open < sessions[i - 1].close) {
      return CalendarRuleProblem{"opens at " + format_time_of_day(session.open) +
                                     ", before the previous session closes at " +
                                     format_time_of_day(sessions[i - 1].close) +
                                     ": sessions are listed in order and must not overlap",
                                 i};
    }
  }
  if (sessions.back().close - sessions.front().open > kDay) {
    return CalendarRuleProblem{"the sessions run from " + format_time_of_day(sessions.front().open) + " to " +
                                   format_time_of_day(sessions.back().close) +
                                   ", more than 24 hours, so each trading day would overlap the next",
                               sessions.size() - 1};
  }
  return std::nullopt;
}

std::optional<std::string> ExchangeCalendarRules::special_day_problem(std::chrono::sys_days day) const {
  const std::chrono::year_month_day date{day};
  if (!covered_years) {
    return "holidays and early closes need first_year and last_year, the years they have been checked for";
  }
  if (!covered_years->contains(date.year())) {
    return format_iso_date(day) + " is outside the covered years " + std::to_string(covered_years->first) +
           "-" + std::to_string(covered_years->last) + " (first_year, last_year)";
  }
  const std::chrono::weekday weekday{day};
  if (!is_trading_weekday(weekday)) {
    return format_iso_date(day) + " is a " + weekday_name(weekday) + ", which is not one of the trading_days";
  }
  return std::nullopt;
}

std::optional<std::string> ExchangeCalendarRules::early_close_problem(std::chrono::minutes close) const {
  if (sessions.empty()) return "there are no sessions to close early";
  const std::chrono::minutes first_open = sessions.front().open;
  const std::chrono::minutes last_close = sessions.back().close;
  if (close <= first_open || close >= last_close) {
    return "close " + format_time_of_day(close) + " is not within the trading day, which runs from " +
           format_time_of_day(first_open) + " to " + format_time_of_day(last_close);
  }
  return std::nullopt;
}

std::optional<std::string> ExchangeCalendarRules::first_problem() const {
  if (name.empty()) return "a calendar needs a name";
  if (time_zone == nullptr) return name + ": no time zone";
  if (std::none_of(trading_weekdays.begin(), trading_weekdays.end(), [](bool trades) { return trades; })) {
    return name + ": no trading days";
  }
  if (auto problem = sessions_problem()) return name + ": sessions: " + problem->message;
  if (covered_years && covered_years->first > covered_years->last) {
    return name + ": first_year " + std::to_string(covered_years->first) + " is after last_year " +
           std::to_string(covered_years->last);
  }
  for (std::chrono::sys_days day : holidays) {
    if (auto problem = special_day_problem(day)) return name + ": holidays: " + *problem;
  }
  for (const auto& [day, close] : early_closes) {
    if (auto problem = special_day_problem(day)) return name + ": early_closes: " + *problem;
    if (auto problem = early_close_problem(close)) return name + ": early_closes: " + *problem;
    if (holidays.contains(day)) {
      return name + ": " + format_iso_date(day) + " is both a holiday and an early close";
    }
  }
  for (std::chrono::sys_days day : without_daily_bar) {
    if (!early_closes.contains(day)) {
      return name + ": " + format_iso_date(day) + " is without a daily bar but not an early close";
    }
  }
  return std::nullopt;
}

}  // namespace pricefeed::host
