// Strict reading of an exchanges.toml: every kind of bad input stops the load with
// "file:line: key: reason". Each test writes a one-exchange file with one line changed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "tests/host/calendar/CalendarTestTimes.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Line numbers matter: the tests name them.
const std::vector<std::string> kValidFile = {
    /*  1 */ "[exchanges.TEST]",
    /*  2 */ "time_zone = \"America/New_York\"",
    /*  3 */ "trading_days = [\"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\"]",
    /*  4 */ "sessions = [{ open = \"09:30\", close = \"16:00\" }]",
    /*  5 */ "first_year = 2026",
    /*  6 */ "last_year = 2026",
    /*  7 */ "holidays = [",
    /*  8 */ "  2026-12-25,",
    /*  9 */ "]",
    /* 10 */ "early_closes = [",
    /* 11 */ "  { date = 2026-11-27, close = \"13:00\" },",
    /* 12 */ "]",
    /* 13 */ "",
    /* 14 */ "[aliases]",
    /* 15 */ "TST = \"TEST\"",
    /* 16 */ "",
    /* 17 */ "[class_defaults]",
    /* 18 */ "stock = \"TEST\"",
    /* 19 */ "bond = \"TEST\"",
    /* 20 */ "commodity = \"TEST\"",
    /* 21 */ "crypto = \"TEST\"",
    /* 22 */ "forex = \"TEST\"",
};

class ExchangeCalendarsLoaderTest : public ::testing::Test {
 protected:
  // The valid file with line `line` (1-based) replaced by `text` (which may hold several lines).
  static std::vector<std::string> with_line(std::size_t line, std::string text) {
    std::vector<std::string> lines = kValidFile;
    lines.at(line - 1) = std::move(text);
    return lines;
  }

  static std::vector<std::string> with_lines_appended(std::vector<std::string> appended) {
    std::vector<std::string> lines = kValidFile;
    lines.insert(lines.end(), appended.begin(), appended.end());
    return lines;
  }

  std::string write(const std::vector<std::string>& lines) const {
    std::ostringstream text;
    for (const std::string& line : lines)
      text << line << '\n';
    return directory_.write_file("exchanges.toml", text.str()).string();
  }

  // The message of the ConfigError that loading `lines` throws.
  std::string load_error(const std::vector<std::string>& lines) const {
    const std::string file = write(lines);
    try {
      load_exchange_calendars(file);
    } catch (const ConfigError& error) {
      return error.what();
    }
    ADD_FAILURE() << "the file loaded without error";
    return {};
  }

  std::string location(std::size_t line, const std::string& key) const {
    return (directory_.path() / "exchanges.toml").string() + ":" + std::to_string(line) + ": " + key + ": ";
  }

  ::pricefeed::test::TemporaryDirectory directory_;
};

TEST_F(ExchangeCalendarsLoaderTest, TheValidFileLoads) {
  const ExchangeCalendars calendars = load_exchange_calendars(write(kValidFile));
  ASSERT_EQ(calendars.calendars().size(), 1u);
  const ExchangeCalendar* calendar = calendars.for_exchange("tst");
  ASSERT_NE(calendar, nullptr);
  EXPECT_EQ(calendar->name(), "TEST");
  EXPECT_EQ(calendar->title(), "TEST");  // the name, when there is no title
  EXPECT_FALSE(calendar->is_trading_day(2026y / December / 25));
  EXPECT_EQ(calendar->sessions(2026y / November / 27).front().close,
            calendar_test::local_time("America/New_York", 2026y / November / 27, 13, 0));
}

TEST_F(ExchangeCalendarsLoaderTest, AnEarlyCloseWithoutADailyBarIsATradingDayWithoutOne) {
  const ExchangeCalendars calendars = load_exchange_calendars(
      write(with_line(11, "  { date = 2026-11-27, close = \"13:00\", daily_bar = false },")));
  const ExchangeCalendar* calendar = calendars.for_exchange("TEST");
  ASSERT_NE(calendar, nullptr);
  EXPECT_TRUE(calendar->is_trading_day(2026y / November / 27));
  EXPECT_FALSE(calendar->has_daily_bar(2026y / November / 27));
  EXPECT_TRUE(calendar->has_daily_bar(2026y / November / 26));
  const ExchangeCalendars with_bar = load_exchange_calendars(
      write(with_line(11, "  { date = 2026-11-27, close = \"13:00\", daily_bar = true },")));
  EXPECT_TRUE(with_bar.for_exchange("TEST")->has_daily_bar(2026y / November / 27));
}

TEST_F(ExchangeCalendarsLoaderTest, DailyBarIsTrueOrFalse) {
  EXPECT_EQ(
      load_error(with_line(11, "  { date = 2026-11-27, close = \"13:00\", daily_bar = \"no\" },")),
      location(11, "exchanges.TEST.early_closes[0].daily_bar") + "expected true or false, got string \"no\"");
}

TEST_F(ExchangeCalendarsLoaderTest, AMissingFileIsNamed) {
  const std::string file = (directory_.path() / "missing.toml").string();
  try {
    load_exchange_calendars(file);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()), file + ": cannot read the calendar file: No such file or directory");
  }
}

TEST_F(ExchangeCalendarsLoaderTest, ATomlSyntaxErrorNamesItsLine) {
  EXPECT_THAT(
      load_error(with_line(4, "sessions = [{ open = \"09:30\", close = }]")),
      StartsWith((directory_.path() / "exchanges.toml").string() + ":4: TOML syntax error at column"));
}

TEST_F(ExchangeCalendarsLoaderTest, ATimeZoneMissingFromTheTzDatabaseIsRefused) {
  EXPECT_EQ(load_error(with_line(2, "time_zone = \"America/Nowhere\"")),
            location(2, "exchanges.TEST.time_zone") +
                "unknown time zone \"America/Nowhere\": not in the tz database; use an IANA name such as "
                "America/New_York or Europe/London");
  EXPECT_THAT(load_error(with_line(2, "time_zone = \"EST+5\"")),
              StartsWith(location(2, "exchanges.TEST.time_zone")));
}

TEST_F(ExchangeCalendarsLoaderTest, AMissingTimeZoneIsNamed) {
  EXPECT_EQ(load_error(with_line(2, "# no zone")), location(1, "exchanges.TEST.time_zone") + "is missing");
}

TEST_F(ExchangeCalendarsLoaderTest, ABadTimeIsRefused) {
  EXPECT_EQ(load_error(with_line(4, "sessions = [{ open = \"9:30\", close = \"16:00\" }]")),
            location(4, "exchanges.TEST.sessions[0].open") +
                "bad time \"9:30\": expected local time \"HH:MM\" from 00:00 to 23:59");
  EXPECT_EQ(
      load_error(with_line(4, "sessions = [{ open = \"09:30\", close = \"16:60\" }]")),
      location(4, "exchanges.TEST.sessions[0].close") +
          "bad time \"16:60\": expected local time \"HH:MM\" from 00:00 to 23:59 (or 24:00 for midnight "
          "at the end of the day)");
  EXPECT_THAT(load_error(with_line(4, "sessions = [{ open = \"24:00\", close = \"24:00\" }]")),
              StartsWith(location(4, "exchanges.TEST.sessions[0].open") + "bad time \"24:00\""));
  EXPECT_THAT(load_error(with_line(4, "sessions = [{ open = 09:30:00, close = \"16:00\" }]")),
              StartsWith(location(4, "exchanges.TEST.sessions[0].open") + "expected a string, got time"));
}

TEST_F(ExchangeCalendarsLoaderTest, ASessionClosingBeforeItOpensIsRefused) {
  EXPECT_EQ(load_error(with_line(4, "sessions = [{ open = \"16:00\", close = \"09:30\" }]")),
            location(4, "exchanges.TEST.sessions[0]") +
                "close 09:30 is not after open 16:00 (a session that opens the evening before sets "
                "opens_previous_day = true)");
}

TEST_F(ExchangeCalendarsLoaderTest, OverlappingSessionsAreRefused) {
  EXPECT_EQ(
      load_error(with_line(4,
                           "sessions = [\n  { open = \"09:00\", close = \"12:00\" },\n"
                           "  { open = \"11:00\", close = \"15:00\" },\n]")),
      location(6, "exchanges.TEST.sessions[1]") +
          "opens at 11:00, before the previous session closes at 12:00: sessions are listed in order and "
          "must not overlap");
}

TEST_F(ExchangeCalendarsLoaderTest, SessionsSpanningMoreThanADayAreRefused) {
  EXPECT_EQ(
      load_error(
          with_line(4, "sessions = [{ open = \"15:00\", opens_previous_day = true, close = \"16:00\" }]")),
      location(4, "exchanges.TEST.sessions[0]") +
          "the sessions run from 15:00 the day before to 16:00, more than 24 hours, so each trading day "
          "would overlap the next");
}

TEST_F(ExchangeCalendarsLoaderTest, OpensPreviousDayIsTrueOrFalse) {
  EXPECT_EQ(load_error(with_line(
                4, "sessions = [{ open = \"17:00\", opens_previous_day = \"yes\", close = \"16:00\" }]")),
            location(4, "exchanges.TEST.sessions[0].opens_previous_day") +
                "expected true or false, got string \"yes\"");
}

TEST_F(ExchangeCalendarsLoaderTest, AnUnknownWeekdayIsRefused) {
  EXPECT_EQ(load_error(with_line(3, "trading_days = [\"Mon\", \"Tue\", \"Wednesday\"]")),
            location(3, "exchanges.TEST.trading_days[2]") +
                "unknown weekday \"Wednesday\"; expected Mon, Tue, Wed, Thu, Fri, Sat or Sun");
  EXPECT_EQ(load_error(with_line(3, "trading_days = [\"Mon\", \"Mon\"]")),
            location(3, "exchanges.TEST.trading_days[1]") + "\"Mon\" is listed twice");
  EXPECT_EQ(load_error(with_line(3, "trading_days = []")),
            location(3, "exchanges.TEST.trading_days") + "must name at least one weekday");
}

TEST_F(ExchangeCalendarsLoaderTest, AHolidayOutsideTheCoveredYearsIsRefused) {
  EXPECT_EQ(load_error(with_line(8, "  2027-01-01,")),
            location(8, "exchanges.TEST.holidays[0]") +
                "2027-01-01 is outside the covered years 2026-2026 (first_year, last_year)");
}

TEST_F(ExchangeCalendarsLoaderTest, AHolidayOnAWeekdayWithoutTradingIsRefused) {
  EXPECT_EQ(load_error(with_line(8, "  2026-12-26,")),
            location(8, "exchanges.TEST.holidays[0]") +
                "2026-12-26 is a Saturday, which is not one of the trading_days");
}

TEST_F(ExchangeCalendarsLoaderTest, AHolidayListedTwiceIsRefused) {
  EXPECT_EQ(load_error(with_line(8, "  2026-12-25,\n  2026-12-25,")),
            location(9, "exchanges.TEST.holidays[1]") + "2026-12-25 is listed twice");
}

TEST_F(ExchangeCalendarsLoaderTest, AQuotedHolidayIsAStringNotADate) {
  EXPECT_EQ(load_error(with_line(8, "  \"2026-12-25\",")),
            location(8, "exchanges.TEST.holidays[0]") +
                "expected a date such as 2026-12-25 (unquoted), got string \"2026-12-25\"");
}

TEST_F(ExchangeCalendarsLoaderTest, AnImpossibleDateIsATomlErrorOnItsLine) {
  EXPECT_THAT(load_error(with_line(8, "  2026-02-30,")),
              AllOf(StartsWith((directory_.path() / "exchanges.toml").string() + ":8: TOML syntax error"),
                    HasSubstr("day")));
}

TEST_F(ExchangeCalendarsLoaderTest, HolidaysNeedTheYearsTheyCover) {
  std::vector<std::string> lines = with_line(5, "# no first_year");
  lines.at(5) = "# no last_year";
  EXPECT_EQ(load_error(lines),
            location(8, "exchanges.TEST.holidays[0]") +
                "holidays and early closes need first_year and last_year, the years they have "
                "been checked for");
  EXPECT_EQ(load_error(with_line(6, "# no last_year")),
            location(5, "exchanges.TEST.last_year") + "is missing: first_year and last_year come together");
}

TEST_F(ExchangeCalendarsLoaderTest, BadCoveredYearsAreRefused) {
  EXPECT_EQ(load_error(with_line(6, "last_year = 2025")),
            location(6, "exchanges.TEST.last_year") + "2025 is before first_year 2026");
  EXPECT_EQ(load_error(with_line(5, "first_year = \"2026\"")),
            location(5, "exchanges.TEST.first_year") + "expected a year such as 2026, got string \"2026\"");
  EXPECT_EQ(load_error(with_line(5, "first_year = 26")),
            location(5, "exchanges.TEST.first_year") + "26 is not a year from 1970 to 2200");
}

TEST_F(ExchangeCalendarsLoaderTest, AnEarlyCloseOutsideTheTradingDayIsRefused) {
  EXPECT_EQ(load_error(with_line(11, "  { date = 2026-11-27, close = \"17:00\" },")),
            location(11, "exchanges.TEST.early_closes[0].close") +
                "close 17:00 is not within the trading day, which runs from 09:30 to 16:00");
  EXPECT_EQ(load_error(with_line(11, "  { date = 2026-11-27, close = \"09:30\" },")),
            location(11, "exchanges.TEST.early_closes[0].close") +
                "close 09:30 is not within the trading day, which runs from 09:30 to 16:00");
}

TEST_F(ExchangeCalendarsLoaderTest, AnEarlyCloseOnAHolidayOrTwiceIsRefused) {
  EXPECT_EQ(load_error(with_line(11, "  { date = 2026-12-25, close = \"13:00\" },")),
            location(11, "exchanges.TEST.early_closes[0].date") + "2026-12-25 is also listed as a holiday");
  EXPECT_EQ(load_error(with_line(11,
                                 "  { date = 2026-11-27, close = \"13:00\" },\n"
                                 "  { date = 2026-11-27, close = \"12:00\" },")),
            location(12, "exchanges.TEST.early_closes[1].date") + "2026-11-27 is listed twice");
  EXPECT_EQ(load_error(with_line(11, "  { date = 2026-11-28, close = \"13:00\" },")),
            location(11, "exchanges.TEST.early_closes[0].date") +
                "2026-11-28 is a Saturday, which is not one of the trading_days");
}

TEST_F(ExchangeCalendarsLoaderTest, AnUnknownKeyIsRefusedWithTheClosestKnownOne) {
  EXPECT_EQ(load_error(with_line(2, "timezone = \"America/New_York\"")),
            location(2, "exchanges.TEST.timezone") +
                "unknown key; did you mean time_zone? (known: title, time_zone, trading_days, sessions, "
                "first_year, last_year, holidays, early_closes)");
  EXPECT_THAT(load_error(with_line(11, "  { date = 2026-11-27, close = \"13:00\", reason = \"x\" },")),
              StartsWith(location(11, "exchanges.TEST.early_closes[0].reason") + "unknown key"));
  EXPECT_THAT(load_error(with_lines_appended({"[holidays]"})),
              StartsWith(location(23, "holidays") + "unknown key"));
}

TEST_F(ExchangeCalendarsLoaderTest, ADuplicateExchangeIsRefused) {
  EXPECT_EQ(
      load_error(with_lines_appended({"[exchanges.test]", "time_zone = \"UTC\""})),
      location(23, "exchanges.test") + "duplicate exchange: test and TEST (line 1) differ only in case");
  // The same name twice is already a TOML error, which names the line and the table.
  EXPECT_THAT(load_error(with_lines_appended({"[exchanges.TEST]"})),
              AllOf(StartsWith((directory_.path() / "exchanges.toml").string() + ":23: TOML syntax error"),
                    HasSubstr("exchanges.TEST")));
}

TEST_F(ExchangeCalendarsLoaderTest, AnAliasMustNameAnExistingCalendarExactly) {
  EXPECT_EQ(load_error(with_line(15, "TST = \"TEXT\"")),
            location(15, "aliases.TST") + "no exchange calendar is named \"TEXT\"; did you mean TEST?");
  EXPECT_EQ(load_error(with_line(15, "TST = \"test\"")),
            location(15, "aliases.TST") +
                "no exchange calendar is named \"test\"; did you mean TEST? (names are exact here)");
}

TEST_F(ExchangeCalendarsLoaderTest, AliasesThatReadTheSameAreRefused) {
  EXPECT_EQ(load_error(with_line(15, "TST = \"TEST\"\n\" tst\" = \"TEST\"")),
            location(16, "aliases.\" tst\"") +
                "duplicate alias: \" tst\" and \"TST\" (line 15) differ only in case or blanks");
}

TEST_F(ExchangeCalendarsLoaderTest, EveryAssetClassNeedsAKnownDefault) {
  EXPECT_EQ(load_error(with_line(19, "# no bond")),
            location(17, "class_defaults.bond") + "is missing: every asset class needs a default calendar");
  EXPECT_EQ(load_error(with_line(19, "bonds = \"TEST\"")),
            location(19, "class_defaults.bonds") +
                "unknown key; did you mean bond? (known: stock, crypto, commodity, forex, bond)");
  EXPECT_EQ(load_error(with_line(19, "bond = \"NYSE\"")),
            location(19, "class_defaults.bond") + "no exchange calendar is named \"NYSE\"");
}

TEST_F(ExchangeCalendarsLoaderTest, AFileWithoutExchangesIsRefused) {
  EXPECT_THAT(load_error({"[class_defaults]", "stock = \"X\""}), HasSubstr(": exchanges: is missing"));
}

TEST(ExchangeCalendarRulesTest, TheCalendarRefusesRulesTheLoaderWouldRefuse) {
  ExchangeCalendarRules rules;
  rules.name = "BAD";
  rules.time_zone = date::locate_zone("UTC");
  rules.trading_weekdays[1] = true;
  rules.sessions = {SessionHours{std::chrono::hours(16), std::chrono::hours(9)}};
  try {
    ExchangeCalendar calendar(rules);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& error) {
    EXPECT_THAT(error.what(),
                HasSubstr("exchange calendar BAD: sessions: close 09:00 is not after open 16:00"));
  }
}

}  // namespace
}  // namespace pricefeed::host
