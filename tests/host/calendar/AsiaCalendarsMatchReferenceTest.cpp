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

TEST(ShippedCalendarsMatchReference, HkexHasEverySessionOfXhkg) {
  const ExchangeCalendar& hkex = shipped_calendar("HKEX");
  const std::vector<DaySession> reference = read_reference_sessions("xhkg.csv.gz");
  Comparison comparison = over_reference(hkex, reference);
  // XHKG breaks for lunch 12:00-13:00 throughout; HKEX's break was 12:30-14:30 until 4 Mar 2011 and
  // 12:00-13:30 until 2 Mar 2012 (its opens and closes are XHKG's).
  const sys_days first_change = 2011y / March / 7;
  const sys_days second_change = 2012y / March / 5;
  comparison.adjust = [&](DaySession session) {
    if (session.break_start && session.date < first_change) {
      session.break_start = at(session.date, 12h + 30min, 8h);
      session.break_end = at(session.date, 14h + 30min, 8h);
    } else if (session.break_start && session.date < second_change) {
      session.break_end = at(session.date, 13h + 30min, 8h);
    }
    return session;
  };
  // Buddha's Birthday became a general holiday in 1999; XHKG closes on it in every year.
  for (const sys_days day :
       {sys_days{1990y / May / 2}, sys_days{1991y / May / 21}, sys_days{1992y / May / 11},
        sys_days{1993y / May / 28}, sys_days{1994y / May / 18}, sys_days{1995y / May / 8},
        sys_days{1996y / May / 24}, sys_days{1997y / May / 14}, sys_days{1998y / May / 4}}) {
    comparison.excused[day] = "Buddha's Birthday not a holiday before 1999";
  }
  // Trading cancelled all day by a black rainstorm warning (HKEX notice of 8 Sep 2023), not in XHKG.
  comparison.excused[2023y / September / 8] = "black rainstorm closure missing from XHKG";
  // Morning sessions cancelled by typhoon signal 8 or a black rainstorm; XHKG keeps them as comments.
  for (const sys_days day :
       {sys_days{2008y / June / 25}, sys_days{2009y / September / 15}, sys_days{2012y / July / 24},
        sys_days{2013y / May / 22}, sys_days{2013y / September / 23}, sys_days{2014y / September / 16}}) {
    comparison.excused[day] = "afternoon-only trading (severe weather), a full day in XHKG";
  }
  // XHKG trades on the day after Mid-Autumn 1993 (Fri 1 Oct), a general holiday.
  comparison.excused[1993y / October / 1] = "day following Mid-Autumn Festival missing from XHKG";
  // From 2013 a day following Mid-Autumn on a Sunday moves to Monday (as XHKG's ad hoc 2022-09-12);
  // XHKG has no such rule for later years.
  for (const sys_days day : {sys_days{2029y / September / 24}, sys_days{2036y / October / 6},
                             sys_days{2046y / September / 17}, sys_days{2049y / September / 13}}) {
    comparison.excused[day] = "Sunday day following Mid-Autumn moved to Monday, not in XHKG";
  }
  // XHKG's precomputed lunar dates for 2034 fall a month early (the leap eleventh month of 2033 that
  // the Hong Kong Observatory publishes); pricefeed computes them.
  for (const sys_days day :
       {sys_days{2034y / April / 26}, sys_days{2034y / May / 22}, sys_days{2034y / August / 29},
        sys_days{2034y / September / 21}, sys_days{2034y / May / 25}, sys_days{2034y / June / 20},
        sys_days{2034y / September / 28}, sys_days{2034y / October / 20}}) {
    comparison.excused[day] = "XHKG's 2034 lunar dates a month early (leap month of 2033)";
  }
  const std::vector<std::string> found = differences(hkex, reference, comparison);
  EXPECT_TRUE(found.empty()) << joined(found);
}

}  // namespace
}  // namespace pricefeed::host::calendar_test
