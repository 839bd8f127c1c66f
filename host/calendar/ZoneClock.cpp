#include "host/calendar/ZoneClock.hpp"

#include <array>

namespace pricefeed::host {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int kLastYear = 2400;  // far beyond any calendar's years; later ones are read as they are

constexpr sys_days new_year(int year) {
  return sys_days{std::chrono::year{year} / std::chrono::January / 1};
}

constexpr sys_days kFirstUnlistedDay = new_year(ZoneClock::kLastListedYear + 1);

constexpr int listed_year_like_computed(int year) {
  if (year <= ZoneClock::kLastListedYear || year > kLastYear) return year;
  const std::chrono::weekday weekday{new_year(year)};
  const bool leap = std::chrono::year{year}.is_leap();
  // Any 28 consecutive years hold each of the 14 kinds of year (1 January's weekday, leap or not),
  // except across a skipped leap year such as 2100, which still finds its kind within 40.
  for (int candidate = ZoneClock::kLastListedYear; candidate > ZoneClock::kLastListedYear - 40; --candidate) {
    if (std::chrono::weekday{new_year(candidate)} == weekday &&
        std::chrono::year{candidate}.is_leap() == leap) {
      return candidate;
    }
  }
  return year;
}

// For each year after the listed ones, how far back its offsets are read: whole weeks, so weekdays
// stay. Worked out at compile time: conversions are on the calendar's hot path (sessions()).
constexpr auto kShifts = [] {
  std::array<days, kLastYear - ZoneClock::kLastListedYear> shifts{};
  for (int year = ZoneClock::kLastListedYear + 1; year <= kLastYear; ++year) {
    shifts[static_cast<std::size_t>(year - ZoneClock::kLastListedYear - 1)] =
        new_year(year) - new_year(listed_year_like_computed(year));
  }
  return shifts;
}();

// How far back the offsets of `day`'s year are read: nothing for a listed year.
days shift_of(sys_days day) {
  if (day < kFirstUnlistedDay) return days{0};
  const int year = static_cast<int>(std::chrono::year_month_day{day}.year());
  if (year > kLastYear) return days{0};
  return kShifts[static_cast<std::size_t>(year - ZoneClock::kLastListedYear - 1)];
}

sys_days day_of(date::local_seconds local) {
  return sys_days{days{date::floor<date::days>(local).time_since_epoch().count()}};
}

}  // namespace

int ZoneClock::listed_year_like(int year) {
  return listed_year_like_computed(year);
}

date::local_seconds ZoneClock::to_local(std::chrono::sys_seconds instant) const {
  const days shift = shift_of(std::chrono::floor<days>(instant));
  return zone_->to_local(instant - shift) + shift;
}

std::chrono::sys_seconds ZoneClock::to_sys(date::local_seconds local) const {
  const days shift = shift_of(day_of(local));
  return zone_->to_sys(local - shift, date::choose::earliest) + shift;
}

std::chrono::sys_seconds ZoneClock::to_sys(date::local_seconds local, std::optional<Nearby>& nearby) const {
  const days shift = shift_of(day_of(local));
  const date::local_seconds listed = local - shift;
  const std::chrono::sys_seconds as_if_utc{listed.time_since_epoch()};
  if (!nearby || nearby->shift != shift) nearby = Nearby{zone_->get_info(as_if_utc), shift};
  // The kept offset holds when the instant it gives lies in its span, a day or more after the span's
  // start: in the hour clocks repeat after falling back, it would give the later instant where
  // to_sys() chooses the earlier. Anything else takes the full conversion.
  const std::chrono::sys_seconds instant = as_if_utc - nearby->info.offset;
  if (instant >= nearby->info.begin + days{1} && instant < nearby->info.end) return instant + shift;
  return zone_->to_sys(listed, date::choose::earliest) + shift;
}

}  // namespace pricefeed::host
