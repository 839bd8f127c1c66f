// Instants for calendar tests, written the way the exchanges state them: a local date and clock time
// in a named zone, or a UTC time. And the shipped config/exchanges.toml, loaded once.
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <date/tz.h>

#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/calendar/ZoneClock.hpp"

namespace pricefeed::host::calendar_test {

// `hours`:`minutes` on `day` on the wall clocks of `zone` (a time that exists there; a skipped or
// repeated one resolves to the earlier instant).
inline std::chrono::sys_seconds local_time(const char* zone, std::chrono::year_month_day day, int hours,
                                           int minutes) {
  const date::local_seconds local =
      date::local_days{date::days{std::chrono::sys_days{day}.time_since_epoch().count()}} +
      std::chrono::hours(hours) + std::chrono::minutes(minutes);
  return ZoneClock(*date::locate_zone(zone)).to_sys(local);  // right after 2037 too
}

inline std::chrono::sys_days ymd(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

inline std::chrono::sys_seconds utc_time(std::chrono::year_month_day day, int hours, int minutes) {
  return std::chrono::sys_days{day} + std::chrono::hours(hours) + std::chrono::minutes(minutes);
}

inline std::filesystem::path shipped_calendar_file() {
  const char* dir = std::getenv("PRICEFEED_SOURCE_DIR");
  if (dir == nullptr || *dir == '\0') {
    throw std::runtime_error("PRICEFEED_SOURCE_DIR is not set: run the tests through ctest");
  }
  return std::filesystem::path(dir) / "config" / "exchanges.toml";
}

inline const ExchangeCalendars& shipped_calendars() {
  static const ExchangeCalendars calendars = load_exchange_calendars(shipped_calendar_file());
  return calendars;
}

inline const ExchangeCalendar& shipped_calendar(const char* name) {
  const ExchangeCalendar* calendar = shipped_calendars().for_exchange(name);
  if (calendar == nullptr)
    throw std::runtime_error(std::string("no calendar ") + name + " in exchanges.toml");
  return *calendar;
}

}  // namespace pricefeed::host::calendar_test
