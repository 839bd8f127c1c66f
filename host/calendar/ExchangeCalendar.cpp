#include "host/calendar/ExchangeCalendar.hpp"

#include <stdexcept>
#include <utility>

namespace pricefeed::host {
namespace {

// How far next_open and last_close look. Holidays only cluster for days, so a calendar with any
// trading day finds one well within a year; a market that never opens or closes ends the search here.
constexpr int kSearchDays = 370;

}  // namespace

ExchangeCalendar::ExchangeCalendar(ExchangeCalendarRules rules) : rules_(std::move(rules)) {
  if (auto problem = rules_.first_problem()) throw std::invalid_argument("exchange calendar " + *problem);
}

std::chrono::sys_days ExchangeCalendar::local_day(std::chrono::sys_seconds instant) const {
  const date::local_seconds local = rules_.time_zone->to_local(instant);
  const auto day = date::floor<date::days>(local);
  return std::chrono::sys_days{std::chrono::days{day.time_since_epoch().count()}};
}

std::chrono::year_month_day ExchangeCalendar::local_date(std::chrono::sys_seconds instant) const {
  return std::chrono::year_month_day{local_day(instant)};
}

std::chrono::sys_seconds ExchangeCalendar::to_instant(std::chrono::sys_days local_day,
                                                      std::chrono::minutes offset) const {
  const date::local_seconds local =
      date::local_days{date::days{local_day.time_since_epoch().count()}} + offset;
  // Sessions start and end outside the hours clocks skip or repeat; if one did, the earlier of two
  // repeated instants (or the moment of the jump) is taken rather than an exception thrown.
  return rules_.time_zone->to_sys(local, date::choose::earliest);
}

bool ExchangeCalendar::covers(std::chrono::year_month_day date) const {
  return !rules_.covered_years || rules_.covered_years->contains(date.year());
}

bool ExchangeCalendar::is_trading_day(std::chrono::year_month_day date) const {
  const std::chrono::sys_days day{date};
  return rules_.is_trading_weekday(std::chrono::weekday{day}) && !rules_.holidays.contains(day);
}

bool ExchangeCalendar::has_daily_bar(std::chrono::year_month_day date) const {
  return is_trading_day(date) && !rules_.without_daily_bar.contains(std::chrono::sys_days{date});
}

std::vector<TradingSession> ExchangeCalendar::sessions_of(std::chrono::sys_days day) const {
  std::vector<TradingSession> result;
  if (!is_trading_day(std::chrono::year_month_day{day})) return result;
  std::vector<SessionHours> hours;
  if (const auto early_close = rules_.early_closes.find(day); early_close != rules_.early_closes.end()) {
    // Trading ends at the early close: later sessions are dropped and the last one left ends then,
    // cut short, or carried across a break when the close falls in one (HKEX's half days close with
    // the morning session). The rules keep the close after the first opening, so one is left.
    for (const SessionHours& session : rules_.sessions) {
      if (session.open < early_close->second) hours.push_back(session);
    }
    hours.back().close = early_close->second;
  } else {
    hours = rules_.sessions;
  }
  for (const SessionHours& session : hours) {
    TradingSession instants{to_instant(day, session.open), to_instant(day, session.close)};
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
