// Every session of the shipped calendars of Europe and the Pacific (LSE, XETRA, EURONEXT, ASX), of
// TARGET2's working days and of the around-the-clock FOREX and CRYPTO, over the whole range of their
// rules, against an independent calendar library (tests/fixtures/calendars/README.md names each and its
// origin). A difference names its date; the deliberate ones are excused here with their reason, and
// listed in docs/calendars.md.
#include <gtest/gtest.h>

#include "tests/host/calendar/CalendarTestTimes.hpp"
#include "tests/host/calendar/ReferenceSessions.hpp"

namespace pricefeed::host::calendar_test {
namespace {

using namespace std::chrono;

std::vector<std::string> differences_over_reference(const ExchangeCalendar& calendar,
                                                    const std::vector<DaySession>& reference,
                                                    std::map<sys_days, std::string> excused = {}) {
  Comparison comparison = over_reference(calendar, reference);
  comparison.excused = std::move(excused);
  return differences(calendar, reference, comparison);
}

TEST(ShippedCalendarsMatchReference, LseHasEverySessionOfXlon) {
  const ExchangeCalendar& lse = shipped_calendar("LSE");
  const std::vector<std::string> found =
      differences_over_reference(lse, read_reference_sessions("xlon.csv.gz"));
  EXPECT_TRUE(found.empty()) << joined(found);
}

TEST(ShippedCalendarsMatchReference, XetraHasEverySessionOfXetr) {
  const ExchangeCalendar& xetra = shipped_calendar("XETRA");
  const std::vector<std::string> found =
      differences_over_reference(xetra, read_reference_sessions("xetr.csv.gz"));
  EXPECT_TRUE(found.empty()) << joined(found);
}

TEST(ShippedCalendarsMatchReference, EuronextHasEverySessionOfXpar) {
  const ExchangeCalendar& euronext = shipped_calendar("EURONEXT");
  const std::vector<std::string> found =
      differences_over_reference(euronext, read_reference_sessions("xpar.csv.gz"));
  EXPECT_TRUE(found.empty()) << joined(found);
}

TEST(ShippedCalendarsMatchReference, AsxHasEverySessionOfXasx) {
  const ExchangeCalendar& asx = shipped_calendar("ASX");
  // exchange_calendars' early-close rules end with 2021 and start again with 2023
  // (LastTradingDayBeforeChristmasPre2022 / ...Post2022), leaving 2022 out; ASX closed at 14:10 on
  // the last trading days before Christmas and of the year in 2022 as in every year since 2010.
  const std::string early_2022 = "ASX early close at 14:10 in 2022 (exchange_calendars has no 2022 rule)";
  const std::vector<std::string> found = differences_over_reference(
      asx, read_reference_sessions("xasx.csv.gz"),
      {{sys_days{2022y / December / 23}, early_2022}, {sys_days{2022y / December / 30}, early_2022}});
  EXPECT_TRUE(found.empty()) << joined(found);
}

TEST(ShippedCalendarsMatchReference, Target2HasEveryTargetDayOfQuantLib) {
  const ExchangeCalendar& target2 = shipped_calendar("TARGET2");
  // The reference has dates only; TARGET2's hours (14:10-16:00 Frankfurt, the ECB fixing and its
  // publication) are pricefeed's own, so each reference day gets them.
  std::vector<DaySession> reference;
  for (const sys_days day : read_reference_days("target2-days.txt.gz")) {
    reference.push_back({day,
                         local_time("Europe/Berlin", year_month_day{day}, 14, 10),
                         local_time("Europe/Berlin", year_month_day{day}, 16, 0),
                         {},
                         {}});
  }
  ASSERT_EQ(reference.front().date, sys_days{1999y / January / 4});
  const std::vector<std::string> found = differences_over_reference(target2, reference);
  EXPECT_TRUE(found.empty()) << joined(found);
}

TEST(ShippedCalendarsMatchReference, ForexHasEveryTradingDayOf24x5) {
  const ExchangeCalendar& forex = shipped_calendar("FOREX");
  const std::vector<DaySession> reference = read_reference_sessions("24-5.csv.gz");
  Comparison comparison = over_reference(forex, reference);
  // The reference's 24/5 days are UTC days 00:00-24:00; FOREX models the New York 17:00 roll, its
  // trading day D running from 17:00 New York on D-1 to 17:00 on D. Only the days compare: each
  // reference day is given FOREX's hours.
  comparison.adjust = [](DaySession session) {
    session.open = local_time("America/New_York", year_month_day{session.date - days{1}}, 17, 0);
    session.close = local_time("America/New_York", year_month_day{session.date}, 17, 0);
    return session;
  };
  // The reference has no holidays; FX venues close on Christmas Day and New Year's Day.
  for (int y = 1990; y <= 2100; ++y) {
    for (const auto& [day, why] :
         {std::pair{year{y} / January / 1, "New Year's Day: FX venues are closed"},
          std::pair{year{y} / December / 25, "Christmas Day: FX venues are closed"}}) {
      if (weekday{sys_days{day}}.c_encoding() % 6 != 0) comparison.excused.emplace(sys_days{day}, why);
    }
  }
  const std::vector<std::string> found = differences(forex, reference, comparison);
  EXPECT_TRUE(found.empty()) << joined(found);
}

TEST(ShippedCalendarsMatchReference, CryptoHasEverySessionOf24x7) {
  const ExchangeCalendar& crypto = shipped_calendar("CRYPTO");
  const std::vector<DaySession> reference = read_reference_sessions("24-7.csv.gz");
  // CRYPTO has no rules (no covered years): it is the same every day, so the whole reference compares.
  const Comparison comparison{reference.front().date, reference.back().date, {}, {}};
  const std::vector<std::string> found = differences(crypto, reference, comparison);
  EXPECT_TRUE(found.empty()) << joined(found);
}

}  // namespace
}  // namespace pricefeed::host::calendar_test
