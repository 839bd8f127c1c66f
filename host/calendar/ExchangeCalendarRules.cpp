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

std::string year_span(const YearRange& years) {
  return std::to_string(years.first) + "-" + std::to_string(years.last);
}

}  // namespace

const std::vector<SessionHours>& ExchangeCalendarRules::sessions_on(std::chrono::sys_days day) const {
  const auto later =
      std::upper_bound(session_changes.begin(), session_changes.end(), day,
                       [](std::chrono::sys_days d, const SessionChange& c) { return d < c.from; });
  return later == session_changes.begin() ? sessions : std::prev(later)->sessions;
}

std::optional<CalendarRuleProblem> ExchangeCalendarRules::sessions_problem(
    const std::vector<SessionHours>& sessions) {
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

std::optional<std::string> ExchangeCalendarRules::dated_day_problem(std::chrono::sys_days day) const {
  const std::chrono::year_month_day date{day};
  if (!covered_years) return "dated days need first_year and last_year, the years the rules are known for";
  if (!covered_years->contains(date.year())) {
    return format_iso_date(day) + " is outside the covered years " + year_span(*covered_years) +
           " (first_year, last_year)";
  }
  const std::chrono::weekday weekday{day};
  if (!is_trading_weekday(weekday)) {
    return format_iso_date(day) + " is a " + weekday_name(weekday) + ", which is not one of the trading_days";
  }
  return std::nullopt;
}

std::optional<std::string> ExchangeCalendarRules::rule_years_problem(int first, int last) const {
  if (!covered_years) return "rules need first_year and last_year, the years they are known for";
  if (first > last) return "from " + std::to_string(first) + " is after until " + std::to_string(last);
  const auto outside = [&](int year) {
    return year != kAnyYear && !covered_years->contains(std::chrono::year{year});
  };
  if ((first != kAnyYear && outside(first)) || (last != INT_MAX && outside(last))) {
    return "from/until " + std::to_string(first == kAnyYear ? covered_years->first : first) + "-" +
           std::to_string(last == INT_MAX ? covered_years->last : last) + " is outside the covered years " +
           year_span(*covered_years) + " (first_year, last_year)";
  }
  return std::nullopt;
}

std::optional<std::string> ExchangeCalendarRules::special_time_problem(std::chrono::minutes time) const {
  if (sessions.empty()) return "there are no sessions to shorten";
  std::chrono::minutes first_open = sessions.front().open;
  std::chrono::minutes last_close = sessions.back().close;
  for (const SessionChange& change : session_changes) {
    first_open = std::min(first_open, change.sessions.front().open);
    last_close = std::max(last_close, change.sessions.back().close);
  }
  if (time <= first_open || time >= last_close) {
    return format_time_of_day(time) + " is not within the trading day, which runs from " +
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
  if (auto problem = sessions_problem(sessions)) return name + ": sessions: " + problem->message;
  if (session_changes.size() > kMaxSessionChanges) {
    return name + ": at most " + std::to_string(kMaxSessionChanges) + " session changes";
  }
  if (holidays.size() + early_closes.size() + late_opens.size() > kMaxRules) {
    return name + ": at most " + std::to_string(kMaxRules) + " rules";
  }
  for (std::size_t i = 0; i < session_changes.size(); ++i) {
    const SessionChange& change = session_changes[i];
    if (auto problem = sessions_problem(change.sessions)) {
      return name + ": session change of " + format_iso_date(change.from) + ": " + problem->message;
    }
    if (i > 0 && change.from <= session_changes[i - 1].from) {
      return name + ": session changes are listed by date, each later than the one before";
    }
  }
  if (covered_years && covered_years->first > covered_years->last) {
    return name + ": first_year " + std::to_string(covered_years->first) + " is after last_year " +
           std::to_string(covered_years->last);
  }
  const auto rule_problem = [&](const DayRule& rule) -> std::optional<std::string> {
    if (auto problem = rule_years_problem(rule.first_year, rule.last_year))
      return rule.name + ": " + *problem;
    if (const auto* list = std::get_if<DateList>(&rule.date)) {
      for (std::chrono::sys_days day : list->dates) {
        if (auto problem = dated_day_problem(day)) return rule.name + ": " + *problem;
      }
    }
    return std::nullopt;
  };
  for (const DayRule& rule : holidays) {
    if (auto problem = rule_problem(rule)) return name + ": holidays: " + *problem;
  }
  for (const auto* special : {&early_closes, &late_opens}) {
    for (const SpecialHoursRule& rule : *special) {
      if (auto problem = rule_problem(rule.day)) return name + ": " + *problem;
      if (auto problem = special_time_problem(rule.time))
        return name + ": " + rule.day.name + ": " + *problem;
    }
  }
  return std::nullopt;
}

}  // namespace pricefeed::host
