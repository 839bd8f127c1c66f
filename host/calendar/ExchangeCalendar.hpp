// When one exchange is open: its regular sessions in its own time zone, its weekdays, holidays and
// early closes. Answers what the daemon asks ("open now?", "when did it last close?") and what the gap
// check asks ("was this a trading day?"). Time zones come from the tz database through date/tz, so
// daylight saving time follows the zone's rules; sessions that open the evening before their trading
// day (CME Globex, FOREX) span midnight correctly.
//
// Dates are the exchange's local calendar dates. Sessions are half-open: open at `open`, closed at
// `close`. Sessions that touch (FOREX's Thursday session ends when Friday's begins; CRYPTO's days) are
// one stretch of trading: there is no close and no open between them.
//
// The rules are known for the covered years (first_year..last_year of config/exchanges.toml, 1990 to
// 2100 as shipped); outside them the calendar answers from its weekdays and hours alone, and covers()
// says so.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "host/calendar/CalendarDayTable.hpp"
#include "host/calendar/ExchangeCalendarRules.hpp"
#include "host/calendar/TradingSession.hpp"
#include "host/calendar/ZoneClock.hpp"

namespace pricefeed::host {

class ExchangeCalendar {
 public:
  // Throws std::invalid_argument naming the broken rule (ExchangeCalendarRules::first_problem).
  explicit ExchangeCalendar(ExchangeCalendarRules rules);

  const std::string& name() const { return rules_.name; }
  const std::string& title() const { return rules_.title; }
  const date::time_zone& time_zone() const { return *rules_.time_zone; }
  const ExchangeCalendarRules& rules() const { return rules_; }

  // The exchange's local date at `instant`.
  std::chrono::year_month_day local_date(std::chrono::sys_seconds instant) const;

  // True inside the years the rules are known for (always, for a calendar that has none, like CRYPTO).
  bool covers(std::chrono::year_month_day date) const;

  // What makes `date` other than a regular day, by the rule's name: a holiday, or a trading day with
  // an early close or a late open. nullopt for a regular trading day or a weekday without trading.
  struct SpecialDay {
    enum class Kind { holiday, early_close, late_open, early_close_and_late_open };
    Kind kind;
    std::string_view name;
  };
  std::optional<SpecialDay> special_day(std::chrono::year_month_day date) const;

  // A trading weekday that is not a holiday.
  bool is_trading_day(std::chrono::year_month_day date) const;

  // A trading day that settles with a daily bar of its own: what a history must have a bar for
  // (not an early close listed with daily_bar = false).
  bool has_daily_bar(std::chrono::year_month_day date) const;

  // The sessions of trading day `date` with its early close applied, in order; empty on a day without
  // trading. A session may open on the evening before `date`.
  std::vector<TradingSession> sessions(std::chrono::year_month_day date) const;

  // True while a session is open at `instant`.
  bool is_open(std::chrono::sys_seconds instant) const;

  // The first moment strictly after `after` at which the market opens (goes from closed to open);
  // nullopt when it never does within a year (a market that is always open, like CRYPTO).
  std::optional<std::chrono::sys_seconds> next_open(std::chrono::sys_seconds after) const;

  // The last moment at or before `at_or_before` at which the market closed (went from open to closed);
  // nullopt when it never did within a year. The daemon's "one fetch after the close" is due when
  // this is later than its last fetch.
  std::optional<std::chrono::sys_seconds> last_close(std::chrono::sys_seconds at_or_before) const;

 private:
  std::chrono::sys_seconds to_instant(std::chrono::sys_days local_day, std::chrono::minutes offset,
                                      std::optional<ZoneClock::Nearby>& nearby) const;
  std::vector<TradingSession> sessions_of(std::chrono::sys_days local_day) const;
  std::chrono::sys_days local_day(std::chrono::sys_seconds instant) const;
  bool is_trading(std::chrono::sys_days day, const CalendarDay* entry) const;

  ExchangeCalendarRules rules_;
  CalendarDayTable days_;
};

}  // namespace pricefeed::host
