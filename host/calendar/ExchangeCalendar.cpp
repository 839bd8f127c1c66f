#include "host/calendar/ExchangeCalendar.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "host/calendar/ZoneClock.hpp"

namespace pricefeed::host {
namespace {

// How far next_open and last_close look. Holidays only cluster for days, so a calendar with any
// trading day finds one well within a year; a market that never opens or closes ends the search here.
constexpr int kSearchDays = 370;

ExchangeCalendarRules checked(ExchangeCalendarRules rules) {
  if (auto problem = rules.first_problem()) throw std::invalid_argument("exchange calendar " + *problem);
  return rules;
}

CalendarDayTable worked_out(const ExchangeCalendarRules& rules) {
  try {
    return CalendarDayTable(rules);
  } catch (const CalendarRuleError& error) {
    throw CalendarRuleError(error.list(), error.index(), error.reason(),
                            "exchange calendar " + rules.name + ": ");
  }
}

}  // namespace

ExchangeCalendar::ExchangeCalendar(ExchangeCalendarRules rules)
    : rules_(checked(std::move(rules))), days_(worked_out(rules_)) {}

std::chrono::sys_days ExchangeCalendar::local_day(std::chrono::sys_seconds instant) const {
  const date::local_seconds local = ZoneClock(*rules_.time_zone).to_local(instant);
  const auto day = date::floor<date::days>(local);
  return std::chrono::sys_days{std::chrono::days{day.time_since_epoch().count()}};
}

std::chrono::year_month_day ExchangeCalendar::local_date(std::chrono::sys_seconds instant) const {
  return std::chrono::year_month_day{local_day(instant)};
}

std::chrono::sys_seconds ExchangeCalendar::to_instant(std::chrono::sys_days local_day,
                                                      std::chrono::minutes offset,
                                                      std::optional<ZoneClock::Nearby>& nearby) const {
  const date::local_seconds local =
      date::local_days{date::days{local_day.time_since_epoch().count()}} + offset;
  // Sessions start and end outside the hours clocks skip or repeat; if one did, the earlier of two
  // repeated instants (or the moment of the jump) is taken rather than an exception thrown.
  return ZoneClock(*rules_.time_zone).to_sys(local, nearby);
}

bool ExchangeCalendar::covers(std::chrono::year_month_day date) const {
  return !rules_.covered_years || rules_.covered_years->contains(date.year());
}

bool ExchangeCalendar::is_trading(std::chrono::sys_days day, const CalendarDay* entry) const {
  if (entry != nullptr) return entry->kind == CalendarDay::Kind::trading;
  return rules_.is_trading_weekday(std::chrono::weekday{day});
}

bool ExchangeCalendar::is_trading_day(std::chrono::year_month_day date) const {
  const std::chrono::sys_days day{date};
  return is_trading(day, days_.find(day));
}

bool ExchangeCalendar::has_daily_bar(std::chrono::year_month_day date) const {
  const std::chrono::sys_days day{date};
  const CalendarDay* entry = days_.find(day);
  return is_trading(day, entry) && (entry == nullptr || entry->daily_bar);
}

std::optional<ExchangeCalendar::SpecialDay> ExchangeCalendar::special_day(
    std::chrono::year_month_day date) const {
  const CalendarDay* entry = days_.find(std::chrono::sys_days{date});
  if (entry == nullptr || entry->label == 0) return std::nullopt;
  using Kind = SpecialDay::Kind;
  const bool early = entry->early_close != CalendarDay::kNoTime;
  const bool late = entry->late_open != CalendarDay::kNoTime;
  const Kind kind = entry->kind == CalendarDay::Kind::holiday ? Kind::holiday
                    : early && late                           ? Kind::early_close_and_late_open
                    : early                                   ? Kind::early_close
                                                              : Kind::late_open;
  return SpecialDay{kind, days_.label(*entry)};
}

std::vector<TradingSession> ExchangeCalendar::sessions_of(std::chrono::sys_days day) const {
  std::vector<TradingSession> result;
  const CalendarDay* entry = days_.find(day);
  if (!is_trading(day, entry)) return result;
  const std::vector<SessionHours>& regular = entry == nullptr ? rules_.sessions_on(day)
                                             : entry->hours == 0
                                                 ? rules_.sessions
                                                 : rules_.session_changes[entry->hours - 1u].sessions;
  std::optional<ZoneClock::Nearby> nearby;  // one zone lookup for the whole day
  const bool early = entry != nullptr && entry->early_close != CalendarDay::kNoTime;
  const bool late = entry != nullptr && entry->late_open != CalendarDay::kNoTime;
  if (!early && !late) {
    result.reserve(regular.size());
    for (const SessionHours& hours : regular) {
      TradingSession instants{to_instant(day, hours.open, nearby), to_instant(day, hours.close, nearby)};
      if (instants.open < instants.close) result.push_back(instants);
    }
    return result;
  }
  // A late open drops the sessions that close by then and starts the first one left then (or at its
  // own time, when the late open falls in a break). An early close drops the sessions that open at or
  // after it and ends the last one left then: cut short, or carried across a break (HKEX's half days
  // close with the morning session at 12:00). The table keeps both inside the day, so one is left.
  std::vector<SessionHours> hours;
  for (SessionHours session : regular) {
    if (late && session.close <= std::chrono::minutes{entry->late_open}) continue;
    if (early && session.open >= std::chrono::minutes{entry->early_close}) break;
    if (late) session.open = std::max(session.open, std::chrono::minutes{entry->late_open});
    hours.push_back(session);
  }
  if (early && !hours.empty()) hours.back().close = std::chrono::minutes{entry->early_close};
  for (const SessionHours& session : hours) {
    TradingSession instants{to_instant(day, session.open, nearby), to_instant(day, session.close, nearby)};
    if (instants.open < instants.close) result.push_back(instants);
  }
  return result;
}

std::vector<TradingSession> ExchangeCalendar::sessions(std::chrono::year_month_day date) const {
  return sessions_of(std::chrono::sys_days{date});
}

bool ExchangeCalendar::is_open(std::chrono::sys_seconds instant) const {
  // A session of day D lies within [D-1 00:00, D+1 00:00) local, so only the instant's local day and
  // the next one can hold it; the day before is checked too against clocks that jump at midnight.
  const std::chrono::sys_days today = local_day(instant);
  for (std::chrono::sys_days day = today - std::chrono::days(1); day <= today + std::chrono::days(1);
       day += std::chrono::days(1)) {
    for (const TradingSession& session : sessions_of(day)) {
      if (session.contains(instant)) return true;
    }
  }
  return false;
}

std::optional<std::chrono::sys_seconds> ExchangeCalendar::next_open(std::chrono::sys_seconds after) const {
  const std::chrono::sys_days today = local_day(after);
  std::optional<std::chrono::sys_seconds> previous_close;
  // Starting a day early lets a session that continues one before it be recognised as no opening.
  for (int offset = -1; offset <= kSearchDays; ++offset) {
    for (const TradingSession& session : sessions_of(today + std::chrono::days(offset))) {
      const bool continues_previous = previous_close && *previous_close >= session.open;
      if (!continues_previous && session.open > after) return session.open;
      previous_close = session.close;
    }
  }
  return std::nullopt;
}

std::optional<std::chrono::sys_seconds> ExchangeCalendar::last_close(
    std::chrono::sys_seconds at_or_before) const {
  const std::chrono::sys_days today = local_day(at_or_before);
  std::optional<std::chrono::sys_seconds> following_open;
  // Walking back from tomorrow, whose sessions may have opened today: a close that the next session
  // continues from is no close.
  for (int offset = 1; offset >= -kSearchDays; --offset) {
    const std::vector<TradingSession> day_sessions = sessions_of(today + std::chrono::days(offset));
    for (auto session = day_sessions.rbegin(); session != day_sessions.rend(); ++session) {
      const bool continued = following_open && *following_open <= session->close;
      if (!continued && session->close <= at_or_before) return session->close;
      following_open = session->open;
    }
  }
  return std::nullopt;
}

}  // namespace pricefeed::host
