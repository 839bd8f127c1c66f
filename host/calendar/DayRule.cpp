#include "host/calendar/DayRule.hpp"

#include "host/calendar/ChineseLunarCalendar.hpp"
#include "host/calendar/Easter.hpp"
#include "host/calendar/SolarTerms.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::sys_days;

struct DaysOfYear {
  int year;
  const date::time_zone& zone;

  std::vector<sys_days> operator()(const FixedDate& fixed) const {
    const std::chrono::year_month_day day{std::chrono::year{year}, std::chrono::month{fixed.month},
                                          std::chrono::day{fixed.day}};
    if (!day.ok()) return {};  // 29 February of a common year
    return {sys_days{day}};
  }
  std::vector<sys_days> operator()(const NthWeekday& nth) const {
    const std::chrono::year_month month{std::chrono::year{year}, std::chrono::month{nth.month}};
    if (nth.nth < 0) return {sys_days{month / std::chrono::weekday_last{nth.weekday}}};
    const std::chrono::year_month_weekday day{month / nth.weekday[static_cast<unsigned>(nth.nth)]};
    if (!day.ok()) return {};  // a fifth Monday the month does not have
    return {sys_days{day}};
  }
  std::vector<sys_days> operator()(const EasterOffset& easter) const {
    return {easter_sunday(year) + std::chrono::days{easter.days}};
  }
  std::vector<sys_days> operator()(const LunarDate& lunar) const {
    return {chinese_lunar_date(year, lunar.month, lunar.day)};
  }
  std::vector<sys_days> operator()(const SolarTerm& term) const {
    // Standard time: the civil date of an astronomical event is reckoned without daylight saving.
    const date::sys_info info = zone.get_info(date::sys_days{date::year{year} / 1 / 1});
    const auto standard_offset = std::chrono::duration_cast<std::chrono::minutes>(info.offset - info.save);
    return {solar_term_date(year, term.longitude, standard_offset)};
  }
  std::vector<sys_days> operator()(const DateList& list) const {
    std::vector<sys_days> days;
    for (sys_days day : list.dates) {
      if (std::chrono::year_month_day{day}.year() == std::chrono::year{year}) days.push_back(day);
    }
    return days;
  }
  std::vector<sys_days> operator()(const BetweenHolidays&) const { return {}; }
};

}  // namespace

std::vector<std::chrono::sys_days> DayRule::days_in(int year, const date::time_zone& zone) const {
  std::vector<sys_days> days;
  if (!in_force(year)) return days;
  for (sys_days day : std::visit(DaysOfYear{year, zone}, date))
    days.push_back(day + std::chrono::days{offset_days});
  return days;
}

}  // namespace pricefeed::host
