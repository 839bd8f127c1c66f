// Every session of the shipped calendars of Asia (JPX, HKEX) over the whole range of their rules,
// against an independent calendar library's sessions (tests/fixtures/calendars/README.md names each
// and its origin). A difference names its date; the deliberate ones are excused here with their
// reason, and listed in docs/calendars.md.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "tests/host/calendar/CalendarTestTimes.hpp"
#include "tests/host/calendar/ReferenceSessions.hpp"

namespace pricefeed::host::calendar_test {
namespace {

using namespace std::chrono;

// `local` (a time of day in the exchange's zone, UTC+`utc_offset` without DST) on `date`, in UTC.
sys_seconds at(sys_days date, minutes local, hours utc_offset) {
  return sys_seconds{date + local - utc_offset};
}

// Excuses, from `from` to `to`, every day on which `calendar` has a holiday named one of `names`.
void excuse_holidays(const ExchangeCalendar& calendar, Comparison& comparison, sys_days from, sys_days to,
                     std::initializer_list<std::string_view> names, const std::string& why) {
  for (sys_days day = from; day <= to; day += days{1}) {
    const auto special = calendar.special_day(year_month_day{day});
    if (!special || special->kind != ExchangeCalendar::SpecialDay::Kind::holiday) continue;
    for (std::string_view name : names) {
      if (special->name == name) comparison.excused[day] = why + " (" + std::string(name) + ")";
    }
  }
}

TEST(ShippedCalendarsMatchReference, JpxHasEverySessionOfXtks) {
  const ExchangeCalendar& jpx = shipped_calendar("JPX");
  const std::vector<DaySession> reference = read_reference_sessions("xtks.csv.gz");
  Comparison comparison = over_reference(jpx, reference);
  // XTKS starts the lunch break at 11:30 throughout; the TSE morning session ended at 11:00 until it
  // was extended on 21 Nov 2011.
  const sys_days morning_extended = 2011y / November / 21;
  comparison.adjust = [&](DaySession session) {
    if (session.date < morning_extended && session.break_start) {
      session.break_start = at(session.date, 11h, 9h);
    }
    return session;
  };
  // XTKS lists the equinox days only to 2040 (announced a year ahead; xtks_holidays.py), so from 2041
  // it trades on them and on the citizens' holidays they make; pricefeed computes them.
  excuse_holidays(jpx, comparison, 2041y / January / 1, 2100y / December / 31,
                  {"Vernal Equinox Day", "Autumnal Equinox Day", "Citizens' holiday"},
                  "equinox not in XTKS after 2040");
  const std::vector<std::string> found = differences(jpx, reference, comparison);
  EXPECT_TRUE(found.empty()) << joined(found);
}

}  // namespace
}  // namespace pricefeed::host::calendar_test
