// A calendar's rules worked out once, into what they mean for each local date of the covered years:
// trading or not, the holiday's name, the hours in force, an early close or a late open. The rules are
// evaluated per year when the calendar is built, so that every question afterwards is an index into
// this table, whatever the year.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/calendar/ExchangeCalendarRules.hpp"

namespace pricefeed::host {

struct CalendarDay {
  static constexpr std::int16_t kNoTime = INT16_MIN;

  enum class Kind : std::uint8_t { no_trading_weekday, trading, holiday };

  Kind kind = Kind::no_trading_weekday;
  bool daily_bar = true;               // false: trading that settles with the next day's daily bar
  std::uint8_t hours = 0;              // 0: rules.sessions; i: rules.session_changes[i - 1].sessions
  std::int16_t early_close = kNoTime;  // local minutes from the day's midnight
  std::int16_t late_open = kNoTime;
  std::uint16_t label = 0;  // 0: none; i: the name of the holiday or special hours, labels[i - 1]
};

class CalendarDayTable {
 public:
  CalendarDayTable() = default;
  // Throws CalendarRuleError when a day's special hours fall outside that day's sessions, or a rule
  // computes a day it cannot have (a lunar day past the end of its month).
  explicit CalendarDayTable(const ExchangeCalendarRules& rules);

  // The day's entry, or nullptr outside the covered years.
  const CalendarDay* find(std::chrono::sys_days day) const {
    const auto index = (day - first_).count();
    if (index < 0 || index >= static_cast<std::int64_t>(days_.size())) return nullptr;
    return &days_[static_cast<std::size_t>(index)];
  }

  std::string_view label(const CalendarDay& day) const {
    return day.label == 0 ? std::string_view{} : std::string_view{labels_[day.label - 1u]};
  }

 private:
  CalendarDay* at(std::chrono::sys_days day) {
    return const_cast<CalendarDay*>(std::as_const(*this).find(day));
  }
  bool is_trading(std::chrono::sys_days day) const;  // a trading day in the table, not (yet) a holiday
  std::uint16_t label_of(const std::string& name);
  void apply_holidays(const ExchangeCalendarRules& rules);
  void apply_special_hours(const ExchangeCalendarRules& rules);
  // The rule's days in `year`; a day it cannot have becomes a CalendarRuleError naming list[index].
  static std::vector<std::chrono::sys_days> days_of(const DayRule& rule, int year,
                                                    const ExchangeCalendarRules& rules, const char* list,
                                                    std::size_t index);
  // Why a day's early close or late open does not fit its hours; nullopt when they do.
  static std::optional<std::string> hours_problem(const CalendarDay& entry,
                                                  const ExchangeCalendarRules& rules);

  std::chrono::sys_days first_{};
  std::vector<CalendarDay> days_;
  std::vector<std::string> labels_;
};

}  // namespace pricefeed::host
