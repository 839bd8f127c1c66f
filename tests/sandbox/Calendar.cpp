#include "tests/sandbox/Calendar.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <stdexcept>

namespace pricefeed::sandbox {

using namespace std::chrono;

namespace {

sys_days ymd(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / day{d}};
}

// The n-th (1-based) weekday `wd` of a month; n = -1 for the last one.
sys_days nth_weekday(int y, unsigned m, weekday wd, int n) {
  if (n > 0) return sys_days{year{y} / month{m} / wd[static_cast<unsigned>(n)]};
  return sys_days{year{y} / month{m} / wd[last]};
}

// Saturday -> Friday, Sunday -> Monday.
sys_days observed(sys_days d) {
  weekday wd{d};
  if (wd == Saturday) return d - days{1};
  if (wd == Sunday) return d + days{1};
  return d;
}

// Saturday/Sunday -> next Monday (UK substitute days).
sys_days substitute(sys_days d) {
  weekday wd{d};
  if (wd == Saturday) return d + days{2};
  if (wd == Sunday) return d + days{1};
  return d;
}

bool nyse_holiday_uncached(sys_days day) {
  year_month_day date{day};
  int y = static_cast<int>(date.year());
  // New Year's Day: Sunday -> Monday; a Saturday New Year is not observed on the Friday before.
  sys_days ny = ymd(y, 1, 1);
  if (weekday{ny} != Saturday && observed(ny) == day) return true;
  if (y >= 1998 && nth_weekday(y, 1, Monday, 3) == day) return true;  // Martin Luther King Jr. Day
  if (nth_weekday(y, 2, Monday, 3) == day) return true;               // Washington's Birthday
  if (easter_sunday(y) - days{2} == day) return true;                 // Good Friday
  if (nth_weekday(y, 5, Monday, -1) == day) return true;              // Memorial Day
  if (y >= 2022 && observed(ymd(y, 6, 19)) == day) return true;       // Juneteenth
  if (observed(ymd(y, 7, 4)) == day) return true;                     // Independence Day
  if (nth_weekday(y, 9, Monday, 1) == day) return true;               // Labor Day
  if (nth_weekday(y, 11, Thursday, 4) == day) return true;            // Thanksgiving
  if (observed(ymd(y, 12, 25)) == day) return true;                   // Christmas
  // Unscheduled closures since 1990: the day of mourning for President Nixon (1994), the attacks of
  // 11 September 2001, the days of mourning for Presidents Reagan (2004), Ford (2007), G. H. W. Bush
  // (2018) and Carter (2025), and Hurricane Sandy (2012). Source: NYSE's closings history as listed
  // by exchange_calendars (us_holidays.py: USNationalDaysofMourning, September11Closings,
  // HurricaneSandyClosings), checked by NyseCalendarReferenceTest.
  static const sys_days special[] = {
      ymd(1994, 4, 27),  ymd(2001, 9, 11), ymd(2001, 9, 12), ymd(2001, 9, 13),
      ymd(2001, 9, 14),  ymd(2004, 6, 11), ymd(2007, 1, 2),  ymd(2012, 10, 29),
      ymd(2012, 10, 30), ymd(2018, 12, 5), ymd(2025, 1, 9),
  };
  return std::find(std::begin(special), std::end(special), day) != std::end(special);
}

// The local close of an NYSE early-close day, in minutes after midnight, or 0 on a full day. The
// rules and their start years are exchange_calendars' XNYS (exchange_calendar_xnys.py, us_holidays.py),
// checked day by day against tests/fixtures/calendars/xnys.csv.gz by NyseCalendarReferenceTest.
int nyse_early_close_minute(sys_days day) {
  if (is_weekend(day) || is_nyse_holiday(day)) return 0;
  const year_month_day date{day};
  const int y = static_cast<int>(date.year());
  const weekday wd{day};
  // Until 1992 the NYSE's early closes were at 14:00; from 1993 at 13:00.
  const int early = y < 1993 ? 14 * 60 : 13 * 60;
  // The day after Thanksgiving: a full day until 1991.
  if (y >= 1992 && nth_weekday(y, 11, Thursday, 4) + days{1} == day) return early;
  // Christmas Eve, Monday to Thursday (a Friday 24 December is the observed Christmas holiday).
  if (ymd(y, 12, 24) == day) return early;
  // Independence Day's eve and morrow, since 1995: 3 July on a Monday, Tuesday or Thursday; a Wednesday
  // 3 July since 2013; before 2013, the Friday 5 July after a Thursday Independence Day instead.
  if (y >= 1995) {
    if (ymd(y, 7, 3) == day && (wd == Monday || wd == Tuesday || wd == Thursday)) return early;
    if (y >= 2013 && ymd(y, 7, 3) == day && wd == Wednesday) return early;
    if (y < 2013 && ymd(y, 7, 5) == day && wd == Friday) return early;
  }
  // One-off 13:00 closes: the Fridays after Christmas 1997 and 2003, and New Year's Eve 1999.
  static const sys_days one_off[] = {ymd(1997, 12, 26), ymd(1999, 12, 31), ymd(2003, 12, 26)};
  if (std::find(std::begin(one_off), std::end(one_off), day) != std::end(one_off)) return 13 * 60;
  return 0;
}

}  // namespace

bool is_weekend(sys_days day) {
  weekday wd{day};
  return wd == Saturday || wd == Sunday;
}

const date::time_zone* zone(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, const date::time_zone*, std::less<>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  const date::time_zone* z = date::locate_zone(std::string(name));
  cache.emplace(std::string(name), z);
  return z;
}

sys_days easter_sunday(int y) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month_ = (h + l - 7 * m + 114) / 31;
  int day_ = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(y, static_cast<unsigned>(month_), static_cast<unsigned>(day_));
}

bool is_nyse_holiday(sys_days day) {
  static std::mutex mutex;
  static std::map<int, bool> cache;
  int key = static_cast<int>(day.time_since_epoch().count());
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  bool holiday = nyse_holiday_uncached(day);
  std::lock_guard lock(mutex);
  cache.emplace(key, holiday);
  return holiday;
}

bool is_lse_holiday(sys_days day) {
  year_month_day date{day};
  int y = static_cast<int>(date.year());
  if (substitute(ymd(y, 1, 1)) == day) return true;
  sys_days easter = easter_sunday(y);
  if (easter - days{2} == day || easter + days{1} == day) return true;
  if (nth_weekday(y, 5, Monday, 1) == day) return true;   // early May bank holiday
  if (nth_weekday(y, 5, Monday, -1) == day) return true;  // spring bank holiday
  if (nth_weekday(y, 8, Monday, -1) == day) return true;  // summer bank holiday
  sys_days xmas = substitute(ymd(y, 12, 25));
  sys_days boxing = ymd(y, 12, 26);
  if (weekday{boxing} == Saturday || weekday{boxing} == Sunday || boxing == xmas) {
    boxing = substitute(boxing);
    if (boxing == xmas) boxing += days{1};
  }
  return xmas == day || boxing == day;
}

bool is_target_holiday(sys_days day) {
  const year_month_day d{day};
  const unsigned m = static_cast<unsigned>(d.month()), dd = static_cast<unsigned>(d.day());
  if ((m == 1 && dd == 1) || (m == 5 && dd == 1) || (m == 12 && (dd == 25 || dd == 26))) return true;
  const sys_days easter = easter_sunday(static_cast<int>(d.year()));
  return day == easter - days{2} || day == easter + days{1};
}

bool is_trading_day(CalendarKind calendar, sys_days day) {
  switch (calendar) {
    case CalendarKind::every_day:
      return true;
    case CalendarKind::weekdays:
      return !is_weekend(day);
    case CalendarKind::nyse:
      return !is_weekend(day) && !is_nyse_holiday(day);
    case CalendarKind::lse:
      return !is_weekend(day) && !is_lse_holiday(day);
    case CalendarKind::target:
      return !is_weekend(day) && !is_target_holiday(day);
    case CalendarKind::europe: {
      if (is_weekend(day)) return false;
      year_month_day d{day};
      unsigned m = static_cast<unsigned>(d.month()), dd = static_cast<unsigned>(d.day());
      return !((m == 1 && dd == 1) || (m == 12 && (dd == 25 || dd == 26)));
    }
  }
  return false;
}

int session_minutes(const Session& session, sys_days day) {
  // Early closes cut the regular 09:30-16:00 equity session only (futures and indices keep theirs).
  if (session.calendar == CalendarKind::nyse && session.minutes == 390) {
    if (const int close = nyse_early_close_minute(day); close != 0) return close - session.open_minute;
  }
  return session.minutes;
}

sys_seconds session_open(const Session& session, sys_days day) {
  date::local_seconds local{duration_cast<seconds>(day.time_since_epoch()) + minutes{session.open_minute}};
  return zone(session.timezone)->to_sys(local, date::choose::earliest);
}

sys_days local_date(const Session& session, sys_seconds t) {
  auto local = zone(session.timezone)->to_local(t);
  return sys_days{floor<days>(local).time_since_epoch()};
}

std::vector<sys_days> trading_days(const Session& session, sys_days from, sys_days to) {
  std::vector<sys_days> out;
  for (sys_days d = from; d <= to; d += days{1}) {
    if (is_trading_day(session.calendar, d)) out.push_back(d);
  }
  return out;
}

sys_days trading_day_on_or_before(const Session& session, sys_days day) {
  while (!is_trading_day(session.calendar, day))
    day -= days{1};
  return day;
}

sys_days trading_day_on_or_after(const Session& session, sys_days day) {
  while (!is_trading_day(session.calendar, day))
    day += days{1};
  return day;
}

ZoneInfo zone_info(std::string_view timezone, sys_seconds t) {
  auto info = zone(timezone)->get_info(t);
  ZoneInfo out;
  out.gmtoffset = static_cast<int>(info.offset.count());
  out.abbreviation = info.abbrev;
  return out;
}

std::string iso_date(sys_days day) {
  return date::format("%F", day);
}

std::optional<sys_days> parse_iso_date(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  year_month_day ymd_{year{y} / month{m} / day{d}};
  if (!ymd_.ok()) return std::nullopt;
  return sys_days{ymd_};
}

std::optional<sys_seconds> parse_instant(std::string_view text) {
  std::string s(text);
  if (!s.empty() && s.find_first_not_of("-0123456789") == std::string::npos) {
    return sys_seconds{seconds{std::stoll(s)}};
  }
  if (auto d = parse_iso_date(s)) return sys_seconds{*d};
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, se = 0;
  char z = 0, tail = 0;
  if (std::sscanf(s.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%c%c", &y, &mo, &d, &h, &mi, &se, &z, &tail) != 7 ||
      z != 'Z') {
    return std::nullopt;
  }
  year_month_day ymd_{year{y} / month{mo} / day{d}};
  if (!ymd_.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;
  return sys_seconds{sys_days{ymd_}} + hours{h} + minutes{mi} + seconds{se};
}

}  // namespace pricefeed::sandbox
