// Every session of the shipped calendars of the Americas (NYSE, NASDAQ, TSX, CME_GLOBEX) over the
// whole range of their rules, against an independent calendar library's sessions
// (tests/fixtures/calendars/README.md names each and its origin). A difference names its date; the deliberate
// ones are excused here with their reason, and listed in docs/calendars.md.
#include <gtest/gtest.h>

#include <date/tz.h>

#include "host/calendar/ZoneClock.hpp"

#include "tests/host/calendar/CalendarTestTimes.hpp"
#include "tests/host/calendar/ReferenceSessions.hpp"

namespace pricefeed::host::calendar_test {
namespace {

using namespace std::chrono;

TEST(ShippedCalendarsMatchReference, NyseHasEverySessionOfXnys) {
  const ExchangeCalendar& nyse = shipped_calendar("NYSE");
  const std::vector<DaySession> reference = read_reference_sessions("xnys.csv.gz");
  const std::vector<std::string> found = differences(nyse, reference, over_reference(nyse, reference));
  EXPECT_TRUE(found.empty()) << joined(found);
}

// Nasdaq has kept NYSE's holidays, unscheduled closures and hours throughout the range, and
// exchange_calendars has no Nasdaq calendar of its own: XNYS is the reference
// (tests/fixtures/calendars/README.md states the assumption).
TEST(ShippedCalendarsMatchReference, NasdaqHasEverySessionOfXnys) {
  const ExchangeCalendar& nasdaq = shipped_calendar("NASDAQ");
  const std::vector<DaySession> reference = read_reference_sessions("xnys.csv.gz");
  const std::vector<std::string> found = differences(nasdaq, reference, over_reference(nasdaq, reference));
  EXPECT_TRUE(found.empty()) << joined(found);
}

TEST(ShippedCalendarsMatchReference, TsxHasEverySessionOfXtse) {
  const ExchangeCalendar& tsx = shipped_calendar("TSX");
  const std::vector<DaySession> reference = read_reference_sessions("xtse.csv.gz");
  const std::vector<std::string> found = differences(tsx, reference, over_reference(tsx, reference));
  EXPECT_TRUE(found.empty()) << joined(found);
}

// exchange_calendars' CMES runs 17:00 (previous day) to 17:00 Chicago and halts at 12:00 on every
// U.S.-holiday and early-close day (the equity index and interest rate hours). CME_GLOBEX keeps the
// metals and energy hours it is named for (docs/calendars.md, "CME_GLOBEX"): the daily maintenance
// hour 16:00-17:00 is no trading, so the regular close is 16:00; the holiday halt is 13:30,
// Thanksgiving's 12:00, and the day after Thanksgiving and Christmas Eve close at 12:45. The days
// themselves (closed, short, regular) must all agree.
DaySession with_metals_and_energy_hours(DaySession session) {
  // ZoneClock, not date/tz directly: summer time after 2037 (host/calendar/ZoneClock.hpp).
  const ZoneClock chicago{*date::locate_zone("America/Chicago")};
  const date::local_seconds close = chicago.to_local(session.close);
  const date::local_days day = date::floor<date::days>(close);
  const auto clock = std::chrono::duration_cast<std::chrono::minutes>(close - day);
  const year_month_day ymd{sys_days{day.time_since_epoch()}};
  const weekday wd{sys_days{day.time_since_epoch()}};
  std::chrono::minutes ours = clock;
  if (clock == hours(17)) {
    ours = hours(16);
  } else if (clock == hours(12)) {
    const bool november = ymd.month() == November;
    const unsigned d = static_cast<unsigned>(ymd.day());
    if (november && wd == Thursday && d >= 22 && d <= 28) {
      ours = hours(12);  // Thanksgiving Day
    } else if ((november && wd == Friday && d >= 23 && d <= 29) || (ymd.month() == December && d == 24)) {
      ours = hours(12) + minutes(45);  // the day after Thanksgiving, Christmas Eve
    } else {
      ours = hours(13) + minutes(30);  // the other U.S. holidays
    }
  }
  session.close = chicago.to_sys(day + ours);
  return session;
}

TEST(ShippedCalendarsMatchReference, CmeGlobexHasEveryDayOfCmesWithMetalsAndEnergyHours) {
  const ExchangeCalendar& cme = shipped_calendar("CME_GLOBEX");
  const std::vector<DaySession> reference = read_reference_sessions("cmes.csv.gz");
  Comparison comparison = over_reference(cme, reference);
  comparison.adjust = with_metals_and_energy_hours;
  const std::vector<std::string> found = differences(cme, reference, comparison);
  EXPECT_TRUE(found.empty()) << joined(found);
}

}  // namespace
}  // namespace pricefeed::host::calendar_test
