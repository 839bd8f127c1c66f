// An exchange's wall clock against UTC, right for every year the calendars cover (to 2100).
//
// The system tz database lists each zone's transitions only up to 2037 and gives a rule for the
// years after (the TZif footer), which date/tz does not read: it would put New York on standard time
// all year from 2038. So a year after the last listed one is read through the latest listed year with
// the same calendar (1 January on the same weekday, and both leap years or neither). Daylight saving
// rules name days such as "the second Sunday of March", which fall on the same dates in such a year.
// This assumes a zone keeps the rules it has in 2037, as the database's footer does too.
#pragma once

#include <chrono>
#include <optional>

#include <date/tz.h>

namespace pricefeed::host {

class ZoneClock {
 public:
  // The last year whose transitions the system tz database lists (zic's default horizon).
  static constexpr int kLastListedYear = 2037;

  explicit ZoneClock(const date::time_zone& zone) : zone_(&zone) {}

  const date::time_zone& zone() const { return *zone_; }

  date::local_seconds to_local(std::chrono::sys_seconds instant) const;

  // A local time that clocks skip or repeat resolves to the earlier instant (date::choose::earliest).
  std::chrono::sys_seconds to_sys(date::local_seconds local) const;

  // The offset found for one wall-clock time, kept to convert others near it (a trading day's
  // opens and closes) without looking the zone up again: one lookup a day instead of one a time.
  struct Nearby {
    date::sys_info info;
    std::chrono::days shift{0};
  };
  // As to_sys(local); `nearby` is filled on the first call and reused while it holds.
  std::chrono::sys_seconds to_sys(date::local_seconds local, std::optional<Nearby>& nearby) const;

  // `year` itself up to kLastListedYear; after it, the latest listed year with the same calendar.
  static int listed_year_like(int year);

 private:
  const date::time_zone* zone_;
};

}  // namespace pricefeed::host
