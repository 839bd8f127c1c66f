#include "host/calendar/ZoneClock.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

sys_days new_year(int year) {
  return sys_days{std::chrono::year{year} / std::chrono::January / 1};
}

// How far a year after the listed ones is moved back to read its offsets: whole weeks, so weekdays stay.
days shift_of(int year) {
  return new_year(year) - new_year(ZoneClock::listed_year_like(year));
}

int year_of(sys_days day) {
  return static_cast<int>(std::chrono::year_month_day{day}.year());
}

}  // namespace

int ZoneClock::listed_year_like(int year) {
  if (year <= kLastListedYear) return year;
  const std::chrono::weekday weekday{new_year(year)};
  const bool leap = std::chrono::year{year}.is_leap();
  // Any 28 consecutive years hold each of the 14 kinds of year (outside a skipped leap year such as
  // 2100, which still finds its kind within them).
  for (int candidate = kLastListedYear; candidate > kLastListedYear - 40; --candidate) {
    if (std::chrono::weekday{new_year(candidate)} == weekday &&
        std::chrono::year{candidate}.is_leap() == leap) {
      return candidate;
    }
  }
  return year;  // unreachable for Gregorian years; read the year as it is
}

date::local_seconds ZoneClock::to_local(std::chrono::sys_seconds instant) const {
  const int year = year_of(std::chrono::floor<days>(instant));
  if (year <= kLastListedYear) return zone_->to_local(instant);
  const days shift = shift_of(year);
  return zone_->to_local(instant - shift) + shift;
}

std::chrono::sys_seconds ZoneClock::to_sys(date::local_seconds local) const {
  const sys_days local_day{days{date::floor<date::days>(local).time_since_epoch().count()}};
  const int year = year_of(local_day);
  if (year <= kLastListedYear) return zone_->to_sys(local, date::choose::earliest);
  const days shift = shift_of(year);
  return zone_->to_sys(local - shift, date::choose::earliest) + shift;
}

}  // namespace pricefeed::host
