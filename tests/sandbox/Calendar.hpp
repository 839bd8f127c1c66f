// Trading calendars and sessions of the sandbox's exchanges.
//
// The NYSE calendar follows the exchange's published rules (weekends, New Year's Day, Martin Luther King
// Jr. Day, Washington's Birthday, Good Friday, Memorial Day, Juneteenth from 2022, Independence Day,
// Labor Day, Thanksgiving, Christmas, with the Saturday/Sunday observance rules, plus the unscheduled
// closures since 1990) and its early closes (13:00; 14:00 before 1993), as exchange_calendars' XNYS
// from 1990 to 2100 (NyseCalendarReferenceTest). London follows the England and Wales bank holidays.
// Other exchanges close on weekends, 1 January, 25 and 26 December.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <date/tz.h>

namespace pricefeed::sandbox {

using sys_seconds = std::chrono::sys_seconds;
using sys_days = std::chrono::sys_days;

enum class CalendarKind {
  nyse,       // US equities, indices and futures
  lse,        // London Stock Exchange
  europe,     // continental Europe, Toronto, Tokyo...: weekdays less 1 Jan, 25 and 26 Dec
  weekdays,   // forex: every Monday to Friday
  every_day,  // crypto
  target,     // the ECB's TARGET days (its reference rates): weekdays less 1 Jan, Good Friday,
              // Easter Monday, 1 May, 25 and 26 Dec
};

// A daily session: opens at open_minute local time in `timezone`, lasts `minutes` (1440 = all day).
struct Session {
  CalendarKind calendar = CalendarKind::nyse;
  std::string timezone = "America/New_York";
  int open_minute = 9 * 60 + 30;
  int minutes = 390;
  // Extended hours around the regular session (for meta.currentTradingPeriod), in minutes.
  int pre_minutes = 0;
  int post_minutes = 0;
};

const date::time_zone* zone(std::string_view name);  // cached; throws for an unknown zone

sys_days easter_sunday(int year);
bool is_nyse_holiday(sys_days day);
bool is_lse_holiday(sys_days day);
// One of TARGET's holidays, whatever its weekday (the rule in force since 2000, applied to every year).
bool is_target_holiday(sys_days day);
bool is_trading_day(CalendarKind calendar, sys_days day);
bool is_weekend(sys_days day);

// Regular-session length of `day` in minutes (NYSE early closes at 13:00 shorten it).
int session_minutes(const Session& session, sys_days day);
// The instant the session of trading date `day` opens.
sys_seconds session_open(const Session& session, sys_days day);
// The local (exchange) date of an instant.
sys_days local_date(const Session& session, sys_seconds t);
// Trading dates in [from, to], both inclusive.
std::vector<sys_days> trading_days(const Session& session, sys_days from, sys_days to);
// The last trading date <= day / the first >= day.
sys_days trading_day_on_or_before(const Session& session, sys_days day);
sys_days trading_day_on_or_after(const Session& session, sys_days day);

// Offset from UTC (seconds) and abbreviation ("EST", "EDT", "GMT", "BST", "UTC") at an instant.
struct ZoneInfo {
  int gmtoffset = 0;
  std::string abbreviation;
};
ZoneInfo zone_info(std::string_view timezone, sys_seconds t);

// "YYYY-MM-DD".
std::string iso_date(sys_days day);
// "YYYY-MM-DD" / "YYYY-MM-DDTHH:MM:SSZ" (or epoch seconds for the instant); nullopt when malformed.
std::optional<sys_days> parse_iso_date(std::string_view text);
std::optional<sys_seconds> parse_instant(std::string_view text);

}  // namespace pricefeed::sandbox
