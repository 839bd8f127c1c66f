// The rule engine pinned on small calendars written in the file's own format: how each kind of day,
// each observance and each limit of a rule lands on real dates, how special hours shape a day's
// sessions, and what a calendar answers inside and outside the years its rules are known for.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "tests/host/calendar/CalendarTestTimes.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using calendar_test::local_time;

constexpr const char* kZone = "America/New_York";

// One calendar "X": Mon-Fri in `zone` with `hours` (09:30-16:00 New York unless given), rules known
// for 2021-2027, and `rules` (holidays = [...], early_closes = [...] and the like).
ExchangeCalendar calendar_with(
    const std::string& rules,
    const std::string& hours = "sessions = [{ open = \"09:30\", close = \"16:00\" }]",
    const std::string& zone = kZone) {
  const std::string text =
      "[exchanges.X]\ntime_zone = \"" + zone +
      "\"\ntrading_days = [\"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\"]\n" + hours +
      "\nfirst_year = 2021\nlast_year = 2027\n" + rules +
      "\n[class_defaults]\nstock = \"X\"\nbond = \"X\"\ncommodity = \"X\"\ncrypto = \"X\"\n"
      "forex = \"X\"\n";
  return parse_exchange_calendars(text, "test.toml").calendars().front();
}

// The holidays of `calendar` from `first` to `last`, both included.
std::vector<year_month_day> holidays_between(const ExchangeCalendar& calendar, sys_days first,
                                             sys_days last) {
  std::vector<year_month_day> result;
  for (sys_days day = first; day <= last; day += days{1}) {
    const auto special = calendar.special_day(day);
    if (special && special->kind == ExchangeCalendar::SpecialDay::Kind::holiday) result.push_back(day);
  }
  return result;
}

std::string_view name_of(const ExchangeCalendar& calendar, year_month_day day) {
  const auto special = calendar.special_day(day);
  return special ? special->name : std::string_view{"(regular)"};
}

using Days = std::vector<year_month_day>;

TEST(CalendarDayTableTest, NearestWeekdayMovesSaturdayToFridayAndSundayToMonday) {
  const ExchangeCalendar calendar = calendar_with(
      "holidays = [{ name = \"Christmas Day\", month = 12, day = 25, observed = \"nearest_weekday\" }]");
  EXPECT_EQ(holidays_between(calendar, 2021y / December / 20, 2022y / December / 31),
            (Days{2021y / December / 24, 2022y / December / 26}));
  EXPECT_EQ(name_of(calendar, 2021y / December / 24), "Christmas Day");
}

TEST(CalendarDayTableTest, SundayToMondayLeavesASaturdayUnobserved) {
  const ExchangeCalendar calendar = calendar_with(
      "holidays = [{ name = \"New Year's Day\", month = 1, day = 1, observed = \"sunday_to_monday\" }]");
  // 2022-01-01 is a Saturday: neither the Friday before nor the Monday after closes.
  EXPECT_TRUE(calendar.is_trading_day(2021y / December / 31));
  EXPECT_TRUE(calendar.is_trading_day(2022y / January / 3));
  // 2023-01-01 is a Sunday.
  EXPECT_FALSE(calendar.is_trading_day(2023y / January / 2));
}

TEST(CalendarDayTableTest, WeekendToMondayMovesBothWeekendDaysToMonday) {
  const ExchangeCalendar calendar = calendar_with(
      "holidays = [{ name = \"Christmas Day\", month = 12, day = 25, observed = \"weekend_to_monday\" }]");
  EXPECT_EQ(holidays_between(calendar, 2021y / December / 20, 2022y / December / 31),
            (Days{2021y / December / 27, 2022y / December / 26}));
}

TEST(CalendarDayTableTest, NextFreeDayMovesPastOtherHolidaysWhateverTheOrderOfTheRules) {
  const std::string christmas =
      "{ name = \"Christmas Day\", month = 12, day = 25, observed = \"next_free_day\" }";
  const std::string boxing = "{ name = \"Boxing Day\", month = 12, day = 26, observed = \"next_free_day\" }";
  for (const std::string& rules :
       {"holidays = [" + christmas + ", " + boxing + "]", "holidays = [" + boxing + ", " + christmas + "]"}) {
    SCOPED_TRACE(rules);
    const ExchangeCalendar calendar = calendar_with(rules);
    // 2021: Christmas on Saturday -> Monday 27, Boxing Day on Sunday -> Tuesday 28.
    EXPECT_EQ(name_of(calendar, 2021y / December / 27), "Christmas Day");
    EXPECT_EQ(name_of(calendar, 2021y / December / 28), "Boxing Day");
    // 2022: Boxing Day keeps Monday 26, Christmas on Sunday moves past it to Tuesday 27.
    EXPECT_EQ(name_of(calendar, 2022y / December / 26), "Boxing Day");
    EXPECT_EQ(name_of(calendar, 2022y / December / 27), "Christmas Day");
    EXPECT_TRUE(calendar.is_trading_day(2022y / December / 28));
  }
}

TEST(CalendarDayTableTest, SundayToNextFreeDayLeavesASaturday) {
  const ExchangeCalendar calendar = calendar_with(
      "holidays = [\n"
      "  { name = \"New Year's Day\", month = 1, day = 1, observed = \"sunday_to_next_free_day\" },\n"
      "  { name = \"Second day\", month = 1, day = 2 },\n"
      "]");
  // 2022-01-01 is a Saturday: not observed.
  EXPECT_TRUE(calendar.is_trading_day(2021y / December / 31));
  EXPECT_TRUE(calendar.is_trading_day(2022y / January / 3));
  // 2023-01-01 is a Sunday and Monday 2 is a holiday of its own: Tuesday 3.
  EXPECT_EQ(name_of(calendar, 2023y / January / 2), "Second day");
  EXPECT_EQ(name_of(calendar, 2023y / January / 3), "New Year's Day");
}

TEST(CalendarDayTableTest, OnAClashTheRuleListedFirstKeepsTheDayAndAFreeDayRuleMovesOn) {
  // As in Hong Kong: National Day, Wednesday 1 October 2025, listed first; the day after Mid-Autumn
  // falls on it too and moves to Thursday 2. Listed the other way round, they swap days.
  const std::string national_day =
      "  { name = \"National Day\", month = 10, day = 1, observed = \"sunday_to_next_free_day\" },\n";
  const std::string festival =
      "  { name = \"Festival\", month = 10, day = 1, observed = \"sunday_to_next_free_day\" },\n";
  const ExchangeCalendar first = calendar_with("holidays = [\n" + national_day + festival + "]");
  EXPECT_EQ(name_of(first, 2025y / October / 1), "National Day");
  EXPECT_EQ(name_of(first, 2025y / October / 2), "Festival");
  const ExchangeCalendar second = calendar_with("holidays = [\n" + festival + national_day + "]");
  EXPECT_EQ(name_of(second, 2025y / October / 1), "Festival");
  EXPECT_EQ(name_of(second, 2025y / October / 2), "National Day");
  // A rule without a free-day observance that finds its day taken is simply not observed.
  const ExchangeCalendar fixed =
      calendar_with("holidays = [\n" + national_day + "  { name = \"Fixed\", month = 10, day = 1 },\n]");
  EXPECT_TRUE(fixed.is_trading_day(2025y / October / 2));
}

TEST(CalendarDayTableTest, PreviousFreeDayMovesBackPastWeekendsAndHolidays) {
  const ExchangeCalendar calendar = calendar_with(
      "holidays = [\n"
      "  { name = \"Christmas Day\", month = 12, day = 25, observed = \"previous_free_day\" },\n"
      "  { name = \"Closure\", dates = [2021-12-24] },\n"
      "]");
  // 2021: Saturday 25, Friday 24 already closed: Thursday 23.
  EXPECT_EQ(name_of(calendar, 2021y / December / 23), "Christmas Day");
  EXPECT_EQ(name_of(calendar, 2021y / December / 24), "Closure");
  // 2022: Sunday 25 -> Friday 23.
  EXPECT_EQ(name_of(calendar, 2022y / December / 23), "Christmas Day");
}

TEST(CalendarDayTableTest, EasterOffsetsLandOnTheChristianHolidays) {
  const ExchangeCalendar calendar = calendar_with(
      "holidays = [\n"
      "  { name = \"Good Friday\", easter = -2 },\n"
      "  { name = \"Easter Monday\", easter = 1 },\n"
      "  { name = \"Ascension Day\", easter = 39 },\n"
      "  { name = \"Whit Monday\", easter = 50 },\n"
      "]");
  // Easter Sunday 2024 was 31 March.
  EXPECT_EQ(holidays_between(calendar, 2024y / January / 1, 2024y / December / 31),
            (Days{2024y / March / 29, 2024y / April / 1, 2024y / May / 9, 2024y / May / 20}));
  EXPECT_EQ(name_of(calendar, 2024y / May / 20), "Whit Monday");
}

TEST(CalendarDayTableTest, NthWeekdayCountsFromTheFirstOrTheLast) {
  const ExchangeCalendar calendar = calendar_with(
      "holidays = [\n"
      "  { name = \"Martin Luther King, Jr. Day\", month = 1, weekday = \"Mon\", nth = 3 },\n"
      "  { name = \"Memorial Day\", month = 5, weekday = \"Mon\", nth = -1 },\n"
      "  { name = \"Thanksgiving Day\", month = 11, weekday = \"Thu\", nth = 4 },\n"
      "]");
  EXPECT_EQ(holidays_between(calendar, 2024y / January / 1, 2024y / December / 31),
            (Days{2024y / January / 15, 2024y / May / 27, 2024y / November / 28}));
}

TEST(CalendarDayTableTest, AnOffsetMovesTheDayTheRuleNames) {
  const ExchangeCalendar calendar = calendar_with(
      "early_closes = [{ name = \"Day after Thanksgiving\", month = 11, weekday = \"Thu\", nth = 4, offset = "
      "1, "
      "close = \"13:00\" }]");
  EXPECT_EQ(name_of(calendar, 2024y / November / 29), "Day after Thanksgiving");
  EXPECT_EQ(calendar.sessions(2024y / November / 29).back().close,
            local_time(kZone, 2024y / November / 29, 13, 0));
  EXPECT_EQ(name_of(calendar, 2024y / November / 28), "(regular)");
}

TEST(CalendarDayTableTest, TheWeekdaysFilterKeepsOnlyTheDaysItNames) {
  const ExchangeCalendar calendar = calendar_with(
      "early_closes = [{ name = \"Christmas Eve\", month = 12, day = 24, weekdays = [\"Mon\", \"Tue\", "
      "\"Wed\", "
      "\"Thu\"], close = \"13:00\" }]");
  EXPECT_EQ(name_of(calendar, 2024y / December / 24), "Christmas Eve");  // a Tuesday
  EXPECT_EQ(name_of(calendar, 2027y / December / 24), "(regular)");      // a Friday
}

TEST(CalendarDayTableTest, FromAndUntilLimitTheYearsOfARule) {
  const ExchangeCalendar calendar =
      calendar_with("holidays = [{ name = \"Holiday\", month = 3, day = 1, from = 2022, until = 2023 }]");
  EXPECT_TRUE(calendar.is_trading_day(2021y / March / 1));
  EXPECT_FALSE(calendar.is_trading_day(2022y / March / 1));
  EXPECT_FALSE(calendar.is_trading_day(2023y / March / 1));
  EXPECT_TRUE(calendar.is_trading_day(2024y / March / 1));
}

TEST(CalendarDayTableTest, BetweenHolidaysClosesATradingDayBetweenTwoHolidays) {
  const ExchangeCalendar calendar = calendar_with(
      "holidays = [\n"
      "  { name = \"Citizens' Holiday\", between_holidays = true },\n"
      "  { name = \"Respect for the Aged Day\", month = 9, weekday = \"Mon\", nth = 3 },\n"
      "  { name = \"Autumnal Equinox Day\", month = 9, day = 23 },\n"
      "]");
  // 2026: Monday 21 and Wednesday 23 are holidays; Tuesday 22 between them closes too.
  EXPECT_EQ(holidays_between(calendar, 2026y / September / 1, 2026y / September / 30),
            (Days{2026y / September / 21, 2026y / September / 22, 2026y / September / 23}));
  EXPECT_EQ(name_of(calendar, 2026y / September / 22), "Citizens' Holiday");
  // 2025: Monday 15 and Tuesday 23 are a week apart; nothing between them closes.
  EXPECT_EQ(holidays_between(calendar, 2025y / September / 1, 2025y / September / 30),
            (Days{2025y / September / 15, 2025y / September / 23}));
}

constexpr const char* kLunchBreak =
    "sessions = [{ open = \"09:30\", close = \"12:00\" }, { open = \"13:00\", close = \"16:00\" }]";
constexpr const char* kHongKong = "Asia/Hong_Kong";

TEST(CalendarDayTableTest, AnEarlyCloseCutsTheLastSessionLeft) {
  const ExchangeCalendar calendar =
      calendar_with("early_closes = [{ name = \"Half day\", dates = [2024-12-24], close = \"14:00\" }]",
                    kLunchBreak, kHongKong);
  const auto sessions = calendar.sessions(2024y / December / 24);
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].close, local_time(kHongKong, 2024y / December / 24, 12, 0));
  EXPECT_EQ(sessions[1].open, local_time(kHongKong, 2024y / December / 24, 13, 0));
  EXPECT_EQ(sessions[1].close, local_time(kHongKong, 2024y / December / 24, 14, 0));
}

TEST(CalendarDayTableTest, AnEarlyCloseAtTheLunchBreakEndsTheDayWithTheMorningSession) {
  const ExchangeCalendar calendar =
      calendar_with("early_closes = [{ name = \"Half day\", dates = [2024-12-24], close = \"12:00\" }]",
                    kLunchBreak, kHongKong);
  const auto sessions = calendar.sessions(2024y / December / 24);
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].open, local_time(kHongKong, 2024y / December / 24, 9, 30));
  EXPECT_EQ(sessions[0].close, local_time(kHongKong, 2024y / December / 24, 12, 0));
}

TEST(CalendarDayTableTest, ALateOpenStartsTheDayLater) {
  const ExchangeCalendar calendar = calendar_with(
      "late_opens = [\n"
      "  { name = \"Typhoon morning\", dates = [2024-07-17], open = \"11:00\" },\n"
      "  { name = \"Typhoon until lunch\", dates = [2024-07-18], open = \"12:30\" },\n"
      "]",
      kLunchBreak, kHongKong);
  auto sessions = calendar.sessions(2024y / July / 17);
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].open, local_time(kHongKong, 2024y / July / 17, 11, 0));
  // Opening in the lunch break: the morning is gone, the afternoon opens at its own time.
  sessions = calendar.sessions(2024y / July / 18);
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].open, local_time(kHongKong, 2024y / July / 18, 13, 0));
  EXPECT_EQ(calendar.special_day(2024y / July / 17)->kind, ExchangeCalendar::SpecialDay::Kind::late_open);
}

TEST(CalendarDayTableTest, ASessionChangeIsInForceFromItsDate) {
  const ExchangeCalendar calendar = calendar_with(
      "",
      "sessions = [{ open = \"09:30\", close = \"16:00\" }]\n"
      "session_changes = [{ from = 2025-01-06, sessions = [{ open = \"09:00\", close = \"15:30\" }] }]");
  EXPECT_EQ(calendar.sessions(2025y / January / 3).front().open,
            local_time(kZone, 2025y / January / 3, 9, 30));
  EXPECT_EQ(calendar.sessions(2025y / January / 6).front().open,
            local_time(kZone, 2025y / January / 6, 9, 0));
  EXPECT_EQ(calendar.sessions(2025y / January / 6).front().close,
            local_time(kZone, 2025y / January / 6, 15, 30));
  // Outside the covered years too.
  EXPECT_EQ(calendar.sessions(2030y / January / 7).front().open,
            local_time(kZone, 2030y / January / 7, 9, 0));
}

TEST(CalendarDayTableTest, SpecialDayNamesTheRuleAndItsKind) {
  const ExchangeCalendar calendar = calendar_with(
      "holidays = [{ name = \"Christmas Day\", month = 12, day = 25 }]\n"
      "early_closes = [{ name = \"Christmas Eve\", month = 12, day = 24, close = \"13:00\" }]\n"
      "late_opens = [{ name = \"Late start\", dates = [2024-12-24], open = \"10:00\" }]");
  using Kind = ExchangeCalendar::SpecialDay::Kind;
  ASSERT_TRUE(calendar.special_day(2024y / December / 25));
  EXPECT_EQ(calendar.special_day(2024y / December / 25)->kind, Kind::holiday);
  EXPECT_EQ(calendar.special_day(2024y / December / 25)->name, "Christmas Day");
  ASSERT_TRUE(calendar.special_day(2025y / December / 24));
  EXPECT_EQ(calendar.special_day(2025y / December / 24)->kind, Kind::early_close);
  EXPECT_EQ(calendar.special_day(2025y / December / 24)->name, "Christmas Eve");
  ASSERT_TRUE(calendar.special_day(2024y / December / 24));
  EXPECT_EQ(calendar.special_day(2024y / December / 24)->kind, Kind::early_close_and_late_open);
  EXPECT_FALSE(calendar.special_day(2024y / December / 23));  // a regular day
  EXPECT_FALSE(calendar.special_day(2024y / December / 28));  // a Saturday
}

TEST(CalendarDayTableTest, AnEarlyCloseWithDailyBarFalseHasNoDailyBar) {
  const ExchangeCalendar calendar = calendar_with(
      "early_closes = [{ name = \"Christmas Eve\", month = 12, day = 24, close = \"13:00\", daily_bar = "
      "false }]");
  EXPECT_TRUE(calendar.is_trading_day(2024y / December / 24));
  EXPECT_FALSE(calendar.has_daily_bar(2024y / December / 24));
  EXPECT_TRUE(calendar.has_daily_bar(2024y / December / 23));
  EXPECT_FALSE(calendar.has_daily_bar(2024y / December / 28));  // a Saturday
}

TEST(CalendarDayTableTest, OutsideTheCoveredYearsACalendarAnswersFromWeekdaysAndHoursAlone) {
  const ExchangeCalendar calendar = calendar_with(
      "holidays = [{ name = \"Christmas Day\", month = 12, day = 25 }]\n"
      "early_closes = [{ name = \"Christmas Eve\", month = 12, day = 24, close = \"13:00\" }]");
  EXPECT_TRUE(calendar.covers(2021y / January / 1));
  EXPECT_TRUE(calendar.covers(2027y / December / 31));
  EXPECT_FALSE(calendar.covers(2020y / December / 31));
  EXPECT_FALSE(calendar.covers(2028y / January / 1));
  EXPECT_FALSE(calendar.is_trading_day(2026y / December / 25));  // inside: the rule holds
  EXPECT_TRUE(calendar.is_trading_day(2030y / December / 25));   // a Wednesday, no rules known
  EXPECT_FALSE(calendar.special_day(2030y / December / 24));
  EXPECT_EQ(calendar.sessions(2030y / December / 24).back().close,
            local_time(kZone, 2030y / December / 24, 16, 0));
  EXPECT_FALSE(calendar.is_trading_day(2030y / December / 28));  // a Saturday
}

TEST(CalendarDayTableTest, AnEarlyCloseThatDoesNotFitTheHoursOfItsDayIsRefused) {
  // 10:00 lies within 09:30-16:00, the first hours, but not within 10:30-16:00, those of 2025 on.
  try {
    calendar_with(
        "early_closes = [{ name = \"Short day\", dates = [2025-03-03], close = \"10:00\" }]",
        "sessions = [{ open = \"09:30\", close = \"16:00\" }]\n"
        "session_changes = [{ from = 2025-01-01, sessions = [{ open = \"10:30\", close = \"16:00\" }] }]");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(
        std::string(error.what()),
        "test.toml:8: exchanges.X.early_closes[0]: Short day on 2025-03-03: closing at 10:00 does not fit "
        "that day's hours, 10:30 to 16:00");
  }
}

}  // namespace
}  // namespace pricefeed::host
