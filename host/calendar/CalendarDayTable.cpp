#include "host/calendar/CalendarDayTable.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "host/time/CalendarDate.hpp"
#include "host/time/TimeOfDay.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

bool moves_to_a_free_day(Observance observance) {
  return observance == Observance::next_free_day || observance == Observance::sunday_to_next_free_day ||
         observance == Observance::previous_free_day;
}

// Where a day observed by weekday alone lands (nearest_weekday and the like); free-day observances
// depend on the other holidays and are resolved after them.
sys_days observed_by_weekday(sys_days day, Observance observance) {
  const std::chrono::weekday weekday{day};
  const bool saturday = weekday == std::chrono::Saturday;
  const bool sunday = weekday == std::chrono::Sunday;
  switch (observance) {
    case Observance::nearest_weekday:
      return saturday ? day - days{1} : sunday ? day + days{1} : day;
    case Observance::sunday_to_monday:
      return sunday ? day + days{1} : day;
    case Observance::weekend_to_monday:
      return saturday ? day + days{2} : sunday ? day + days{1} : day;
    default:
      return day;
  }
}

// A holiday or special day waiting for the calendar's other holidays before it moves.
struct Deferred {
  sys_days day;
  const DayRule* rule;
};

}  // namespace

bool CalendarDayTable::is_trading(sys_days day) const {
  const CalendarDay* entry = find(day);
  return entry != nullptr && entry->kind == CalendarDay::Kind::trading;
}

std::uint16_t CalendarDayTable::label_of(const std::string& name) {
  const auto found = std::find(labels_.begin(), labels_.end(), name);
  if (found != labels_.end()) return static_cast<std::uint16_t>(found - labels_.begin() + 1);
  labels_.push_back(name);
  return static_cast<std::uint16_t>(labels_.size());
}

CalendarDayTable::CalendarDayTable(const ExchangeCalendarRules& rules) {
  if (!rules.covered_years) return;
  const std::chrono::year first_year{rules.covered_years->first};
  const std::chrono::year last_year{rules.covered_years->last};
  first_ = sys_days{first_year / std::chrono::January / 1};
  const sys_days end = sys_days{last_year / std::chrono::December / 31} + days{1};
  days_.resize(static_cast<std::size_t>((end - first_).count()));

  std::size_t change = 0;  // the session changes already in force
  for (sys_days day = first_; day < end; day += days{1}) {
    while (change < rules.session_changes.size() && rules.session_changes[change].from <= day)
      ++change;
    CalendarDay& entry = *at(day);
    entry.hours = static_cast<std::uint8_t>(change);
    if (rules.is_trading_weekday(std::chrono::weekday{day})) entry.kind = CalendarDay::Kind::trading;
  }
  apply_holidays(rules);
  apply_special_hours(rules);
}

void CalendarDayTable::apply_holidays(const ExchangeCalendarRules& rules) {
  const auto close = [&](sys_days day, const DayRule& rule) {
    CalendarDay* entry = at(day);
    if (entry == nullptr || entry->kind != CalendarDay::Kind::trading || !rule.allows(day)) return;
    entry->kind = CalendarDay::Kind::holiday;
    entry->label = label_of(rule.name);
  };

  // Days that land on their own date or move by weekday alone first; those that move to a free day
  // then move past all of them (Boxing Day on a Monday keeps it; a Sunday Christmas moves to Tuesday).
  // When two rules fall on one day, the rule listed first keeps it and a later one with a free-day
  // observance moves on (Hong Kong's day after Mid-Autumn moves past National Day), so the file's
  // order is the exchange's precedence.
  std::vector<Deferred> deferred;
  for (int year = rules.covered_years->first; year <= rules.covered_years->last; ++year) {
    for (std::size_t index = 0; index < rules.holidays.size(); ++index) {
      const DayRule& rule = rules.holidays[index];
      for (sys_days day : days_of(rule, year, rules, "holidays", index)) {
        const bool sunday = std::chrono::weekday{day} == std::chrono::Sunday;
        const CalendarDay* entry = find(day);
        const bool on_a_holiday = entry != nullptr && entry->kind == CalendarDay::Kind::holiday;
        const bool moves = moves_to_a_free_day(rule.observance) && !is_trading(day) &&
                           (rule.observance != Observance::sunday_to_next_free_day || sunday || on_a_holiday);
        if (moves) {
          deferred.push_back({day, &rule});
        } else {
          close(observed_by_weekday(day, rule.observance), rule);
        }
      }
    }
  }
  std::stable_sort(deferred.begin(), deferred.end(),
                   [](const Deferred& a, const Deferred& b) { return a.day < b.day; });
  for (const Deferred& holiday : deferred) {
    const days step{holiday.rule->observance == Observance::previous_free_day ? -1 : 1};
    sys_days day = holiday.day + step;
    while (find(day) != nullptr && !is_trading(day))
      day += step;
    close(day, *holiday.rule);
  }

  // Days between two holidays come last, once every holiday they sit between is known.
  for (const DayRule& rule : rules.holidays) {
    if (!std::holds_alternative<BetweenHolidays>(rule.date)) continue;
    std::vector<sys_days> bridged;
    for (std::size_t i = 1; i + 1 < days_.size(); ++i) {
      const sys_days day = first_ + days{static_cast<int>(i)};
      if (days_[i].kind == CalendarDay::Kind::trading && days_[i - 1].kind == CalendarDay::Kind::holiday &&
          days_[i + 1].kind == CalendarDay::Kind::holiday &&
          rule.in_force(static_cast<int>(std::chrono::year_month_day{day}.year()))) {
        bridged.push_back(day);
      }
    }
    for (sys_days day : bridged)
      close(day, rule);
  }
}

void CalendarDayTable::apply_special_hours(const ExchangeCalendarRules& rules) {
  for (const auto* special : {&rules.early_closes, &rules.late_opens}) {
    const bool early_close = special == &rules.early_closes;
    const char* list = early_close ? "early_closes" : "late_opens";
    for (int year = rules.covered_years->first; year <= rules.covered_years->last; ++year) {
      for (std::size_t index = 0; index < special->size(); ++index) {
        const SpecialHoursRule& rule = (*special)[index];
        for (sys_days day : days_of(rule.day, year, rules, list, index)) {
          day = observed_by_weekday(day, rule.day.observance);
          if (moves_to_a_free_day(rule.day.observance) && !is_trading(day)) {
            const days step{rule.day.observance == Observance::previous_free_day ? -1 : 1};
            while (find(day) != nullptr && !is_trading(day))
              day += step;
          }
          if (!is_trading(day) || !rule.day.allows(day)) continue;  // a holiday wins over shorter hours
          CalendarDay& entry = *at(day);
          std::int16_t& time = early_close ? entry.early_close : entry.late_open;
          if (time != CalendarDay::kNoTime) continue;  // the first rule that names a day wins
          time = static_cast<std::int16_t>(rule.time.count());
          if (auto problem = hours_problem(entry, rules)) {
            throw CalendarRuleError(list, index,
                                    rule.day.name + " on " + format_iso_date(day) + ": " + *problem);
          }
          entry.daily_bar = entry.daily_bar && rule.daily_bar;
          if (entry.label == 0) entry.label = label_of(rule.day.name);
        }
      }
    }
  }
}

std::vector<sys_days> CalendarDayTable::days_of(const DayRule& rule, int year,
                                                const ExchangeCalendarRules& rules, const char* list,
                                                std::size_t index) {
  try {
    return rule.days_in(year, *rules.time_zone);
  } catch (const std::out_of_range& error) {
    throw CalendarRuleError(list, index, rule.name + " in " + std::to_string(year) + ": " + error.what());
  }
}

std::optional<std::string> CalendarDayTable::hours_problem(const CalendarDay& entry,
                                                           const ExchangeCalendarRules& rules) {
  const std::vector<SessionHours>& hours =
      entry.hours == 0 ? rules.sessions : rules.session_changes[entry.hours - 1u].sessions;
  const std::chrono::minutes open = hours.front().open;
  const std::chrono::minutes close = hours.back().close;
  const std::chrono::minutes early{entry.early_close};
  const std::chrono::minutes late{entry.late_open};
  const bool has_early = entry.early_close != CalendarDay::kNoTime;
  const bool has_late = entry.late_open != CalendarDay::kNoTime;
  const auto inside = [&](std::chrono::minutes time) { return time > open && time < close; };
  if ((has_early && !inside(early)) || (has_late && !inside(late)) ||
      (has_early && has_late && late >= early)) {
    return (has_late ? "opening at " + format_time_of_day(late) + " " : std::string{}) +
           (has_early ? "closing at " + format_time_of_day(early) + " " : std::string{}) +
           "does not fit that day's hours, " + format_time_of_day(open) + " to " + format_time_of_day(close);
  }
  return std::nullopt;
}

}  // namespace pricefeed::host
