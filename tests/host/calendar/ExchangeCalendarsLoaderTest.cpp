// Strict reading of an exchanges.toml: every kind of bad input stops the load with
// "file:line: key: reason". Each test writes a one-exchange file with one line changed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/time/CalendarDate.hpp"
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
    /*  6 */ "last_year = 2027",
    /*  7 */ "holidays = [",
    /*  8 */ "  { name = \"Christmas Day\", month = 12, day = 25, observed = \"nearest_weekday\" },",
    /*  9 */ "]",
    /* 10 */ "early_closes = [",
    /* 11 */
    "  { name = \"Day after Thanksgiving\", month = 11, weekday = \"Thu\", nth = 4, offset = 1, "
    "close = \"13:00\" },",
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

// The known keys of a holiday rule and of an early close, as the loader lists them.
const std::string kHolidayKeys =
    "name, month, day, weekday, nth, easter, lunar_month, lunar_day, solar_term, dates, between_holidays, "
    "offset, observed, weekdays, from, until";

// A holiday rule for line 8.
std::string holiday(const std::string& keys) {
  return "  { name = \"Holiday\", " + keys + " },";
}

// An early close rule for line 11.
std::string early_close(const std::string& keys) {
  return "  { name = \"Early close\", " + keys + " },";
}

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
  EXPECT_FALSE(calendar->is_trading_day(2027y / December / 24));  // a Saturday Christmas, observed Friday
  EXPECT_EQ(calendar->sessions(2026y / November / 27).front().close,
            calendar_test::local_time("America/New_York", 2026y / November / 27, 13, 0));
  EXPECT_EQ(calendar->sessions(2027y / November / 26).front().close,
            calendar_test::local_time("America/New_York", 2027y / November / 26, 13, 0));
}

TEST_F(ExchangeCalendarsLoaderTest, AnEarlyCloseWithoutADailyBarIsATradingDayWithoutOne) {
  const ExchangeCalendars calendars = load_exchange_calendars(
      write(with_line(11, early_close("month = 11, day = 27, close = \"13:00\", daily_bar = false"))));
  const ExchangeCalendar* calendar = calendars.for_exchange("TEST");
  ASSERT_NE(calendar, nullptr);
  EXPECT_TRUE(calendar->is_trading_day(2026y / November / 27));
  EXPECT_FALSE(calendar->has_daily_bar(2026y / November / 27));
  EXPECT_TRUE(calendar->has_daily_bar(2026y / November / 26));
  const ExchangeCalendars with_bar = load_exchange_calendars(
      write(with_line(11, early_close("month = 11, day = 27, close = \"13:00\", daily_bar = true"))));
  EXPECT_TRUE(with_bar.for_exchange("TEST")->has_daily_bar(2026y / November / 27));
}

TEST_F(ExchangeCalendarsLoaderTest, DailyBarIsTrueOrFalse) {
  EXPECT_EQ(
      load_error(with_line(11, early_close("month = 11, day = 27, close = \"13:00\", daily_bar = \"no\""))),
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

TEST_F(ExchangeCalendarsLoaderTest, AnUnknownTradingWeekdayIsRefused) {
  EXPECT_EQ(load_error(with_line(3, "trading_days = [\"Mon\", \"Tue\", \"Wednesday\"]")),
            location(3, "exchanges.TEST.trading_days[2]") +
                "unknown weekday \"Wednesday\"; expected Mon, Tue, Wed, Thu, Fri, Sat or Sun");
  EXPECT_EQ(load_error(with_line(3, "trading_days = [\"Mon\", \"Mon\"]")),
            location(3, "exchanges.TEST.trading_days[1]") + "\"Mon\" is listed twice");
  EXPECT_EQ(load_error(with_line(3, "trading_days = []")),
            location(3, "exchanges.TEST.trading_days") + "must name at least one weekday");
}

TEST_F(ExchangeCalendarsLoaderTest, ARuleNamesItsDayExactlyOneWay) {
  const std::string kinds =
      ": give exactly one of month and day; month, weekday and nth; easter; lunar_month and lunar_day; "
      "solar_term; dates; or between_holidays = true";
  EXPECT_EQ(load_error(with_line(8, "  { name = \"Holiday\" },")),
            location(8, "exchanges.TEST.holidays[0]") + "names no day" + kinds);
  EXPECT_EQ(load_error(with_line(8, holiday("easter = 1, solar_term = \"qingming\""))),
            location(8, "exchanges.TEST.holidays[0]") + "names its day more than one way" + kinds);
  EXPECT_EQ(load_error(with_line(8, holiday("month = 12, day = 25, weekday = \"Mon\", nth = 1"))),
            location(8, "exchanges.TEST.holidays[0].day") + "give day, or weekday and nth, not both");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 12"))),
            location(8, "exchanges.TEST.holidays[0].month") + "a month needs a day, or a weekday and nth");
  EXPECT_EQ(load_error(with_line(8, holiday("day = 25"))),
            location(8, "exchanges.TEST.holidays[0].month") +
                "is missing: a fixed date or an n-th weekday names its month");
  EXPECT_EQ(
      load_error(with_line(8, holiday("month = 11, nth = 4"))),
      location(8, "exchanges.TEST.holidays[0].weekday") + "is missing: an n-th weekday names its weekday");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 11, weekday = \"Thu\""))),
            location(8, "exchanges.TEST.holidays[0].nth") +
                "is missing: an n-th weekday says which: 1 to 5, or -1 for the last");
  EXPECT_EQ(load_error(with_line(8, holiday("lunar_month = 1"))),
            location(8, "exchanges.TEST.holidays[0].lunar_day") + "is missing: a lunar date names its day");
  EXPECT_EQ(
      load_error(with_line(8, holiday("between_holidays = false"))),
      location(8, "exchanges.TEST.holidays[0].between_holidays") + "only true makes sense; leave it out");
}

TEST_F(ExchangeCalendarsLoaderTest, ARuleNeedsANonEmptyName) {
  EXPECT_EQ(load_error(with_line(8, "  { month = 12, day = 25 },")),
            location(8, "exchanges.TEST.holidays[0].name") + "is missing");
  EXPECT_EQ(load_error(with_line(8, "  { name = \"\", month = 12, day = 25 },")),
            location(8, "exchanges.TEST.holidays[0].name") +
                "must not be empty: it names the holiday or special hours (special_day)");
  EXPECT_EQ(load_error(with_line(8, "  \"2026-12-25\",")),
            location(8, "exchanges.TEST.holidays[0]") +
                "expected a table such as { name = \"Christmas Day\", month = 12, day = 25 }, got string "
                "\"2026-12-25\"");
}

TEST_F(ExchangeCalendarsLoaderTest, AMonthOrDayOutOfRangeIsRefused) {
  EXPECT_EQ(load_error(with_line(8, holiday("month = 13, day = 1"))),
            location(8, "exchanges.TEST.holidays[0].month") + "13 is not from 1 to 12");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 12, day = 32"))),
            location(8, "exchanges.TEST.holidays[0].day") + "32 is not from 1 to 31");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 2, day = 30"))),
            location(8, "exchanges.TEST.holidays[0].day") + "month 2 has no day 30");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 4, day = 31"))),
            location(8, "exchanges.TEST.holidays[0].day") + "month 4 has no day 31");
  EXPECT_EQ(load_error(with_line(8, holiday("lunar_month = 1, lunar_day = 31"))),
            location(8, "exchanges.TEST.holidays[0].lunar_day") + "31 is not from 1 to 30");
  EXPECT_EQ(load_error(with_line(8, holiday("easter = 101"))),
            location(8, "exchanges.TEST.holidays[0].easter") + "101 is not from -100 to 100");
  EXPECT_EQ(
      load_error(with_line(8, holiday("month = 12, day = \"25\""))),
      location(8, "exchanges.TEST.holidays[0].day") + "expected an integer from 1 to 31, got string \"25\"");
}

TEST_F(ExchangeCalendarsLoaderTest, AnNthWeekdayIsTheFirstToFifthOrTheLast) {
  EXPECT_EQ(
      load_error(with_line(8, holiday("month = 11, weekday = \"Thu\", nth = 0"))),
      location(8, "exchanges.TEST.holidays[0].nth") + "0 is no n-th weekday: 1 to 5, or -1 for the last");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 11, weekday = \"Thu\", nth = 6"))),
            location(8, "exchanges.TEST.holidays[0].nth") + "6 is not from -1 to 5");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 11, weekday = \"Thu\", nth = -2"))),
            location(8, "exchanges.TEST.holidays[0].nth") + "-2 is not from -1 to 5");
}

TEST_F(ExchangeCalendarsLoaderTest, AnUnknownWeekdayInARuleIsRefused) {
  EXPECT_EQ(load_error(with_line(8, holiday("month = 11, weekday = \"Thursday\", nth = 4"))),
            location(8, "exchanges.TEST.holidays[0].weekday") +
                "unknown weekday \"Thursday\"; expected Mon, Tue, Wed, Thu, Fri, Sat or Sun");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 12, day = 25, weekdays = [\"Mon\", \"friday\"]"))),
            location(8, "exchanges.TEST.holidays[0].weekdays[1]") +
                "unknown weekday \"friday\"; expected Mon, Tue, Wed, Thu, Fri, Sat or Sun");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 12, day = 25, weekdays = []"))),
            location(8, "exchanges.TEST.holidays[0].weekdays") + "must name at least one weekday");
}

TEST_F(ExchangeCalendarsLoaderTest, AnUnknownObservanceIsRefusedWithTheKnownOnes) {
  EXPECT_EQ(load_error(with_line(8, holiday("month = 12, day = 25, observed = \"nearest\""))),
            location(8, "exchanges.TEST.holidays[0].observed") +
                "unknown observance \"nearest\"; expected one of none, nearest_weekday, sunday_to_monday, "
                "weekend_to_monday, next_free_day, sunday_to_next_free_day, previous_free_day");
}

TEST_F(ExchangeCalendarsLoaderTest, AnUnknownSolarTermIsRefused) {
  EXPECT_EQ(load_error(with_line(8, holiday("solar_term = \"ching_ming\""))),
            location(8, "exchanges.TEST.holidays[0].solar_term") +
                "unknown solar term \"ching_ming\"; expected vernal_equinox, qingming, summer_solstice, "
                "autumnal_equinox or winter_solstice");
}

TEST_F(ExchangeCalendarsLoaderTest, DatedDaysTakeNoOffsetObservanceWeekdaysOrYears) {
  for (const std::string key : {"offset = 1", "observed = \"nearest_weekday\"", "weekdays = [\"Mon\"]",
                                "from = 2026", "until = 2027"}) {
    const std::string name = key.substr(0, key.find(' '));
    EXPECT_EQ(load_error(with_line(8, holiday("dates = [2026-12-24], " + key))),
              location(8, "exchanges.TEST.holidays[0]." + name) +
                  "dated days are taken as they are: " + name + " does not apply");
  }
}

TEST_F(ExchangeCalendarsLoaderTest, ADatedDayOutsideTheCoveredYearsIsRefused) {
  EXPECT_EQ(load_error(with_line(8, holiday("dates = [2026-12-24, 2028-01-03]"))),
            location(8, "exchanges.TEST.holidays[0].dates[1]") +
                "2028-01-03 is outside the covered years 2026-2027 (first_year, last_year)");
}

TEST_F(ExchangeCalendarsLoaderTest, ADatedDayOnAWeekdayWithoutTradingIsRefused) {
  EXPECT_EQ(load_error(with_line(8, holiday("dates = [2026-12-26]"))),
            location(8, "exchanges.TEST.holidays[0].dates[0]") +
                "2026-12-26 is a Saturday, which is not one of the trading_days");
  EXPECT_EQ(load_error(with_line(11, early_close("dates = [2026-11-28], close = \"13:00\""))),
            location(11, "exchanges.TEST.early_closes[0].dates[0]") +
                "2026-11-28 is a Saturday, which is not one of the trading_days");
}

TEST_F(ExchangeCalendarsLoaderTest, ADatedDayListedTwiceIsRefused) {
  EXPECT_EQ(
      load_error(with_line(8, "  { name = \"Holiday\", dates = [\n    2026-12-24,\n    2026-12-24,\n  ] },")),
      location(10, "exchanges.TEST.holidays[0].dates[1]") + "2026-12-24 is listed twice");
  EXPECT_EQ(load_error(with_line(8, holiday("dates = []"))),
            location(8, "exchanges.TEST.holidays[0].dates") + "must list at least one date");
}

TEST_F(ExchangeCalendarsLoaderTest, AQuotedDateIsAStringNotADate) {
  EXPECT_EQ(load_error(with_line(8, holiday("dates = [\"2026-12-24\"]"))),
            location(8, "exchanges.TEST.holidays[0].dates[0]") +
                "expected a date such as 2026-12-25 (unquoted), got string \"2026-12-24\"");
}

TEST_F(ExchangeCalendarsLoaderTest, AnImpossibleDateIsATomlErrorOnItsLine) {
  EXPECT_THAT(load_error(with_line(8, holiday("dates = [2026-02-30]"))),
              AllOf(StartsWith((directory_.path() / "exchanges.toml").string() + ":8: TOML syntax error"),
                    HasSubstr("day")));
}

TEST_F(ExchangeCalendarsLoaderTest, FromAndUntilLieInsideTheCoveredYearsInOrder) {
  EXPECT_EQ(load_error(with_line(8, holiday("month = 12, day = 24, from = 2025"))),
            location(8, "exchanges.TEST.holidays[0].from") +
                "2025 is outside the covered years 2026-2027 (first_year, last_year)");
  // A rule written as a table of its own spans lines: the year at fault is named by its line.
  std::vector<std::string> lines = with_lines_appended(
      {"[[exchanges.TEST.holidays]]", "name = \"Holiday\"", "month = 12", "day = 24", "until = 2028"});
  lines.at(6) = lines.at(7) = lines.at(8) = "";
  EXPECT_EQ(load_error(lines), location(27, "exchanges.TEST.holidays[0].until") +
                                   "2028 is outside the covered years 2026-2027 (first_year, last_year)");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 12, day = 24, from = 2027, until = 2026"))),
            location(8, "exchanges.TEST.holidays[0].until") + "2026 is before from 2027");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 12, day = 24, from = 1900"))),
            location(8, "exchanges.TEST.holidays[0].from") + "1900 is not from 1970 to 2200");
}

TEST_F(ExchangeCalendarsLoaderTest, RulesNeedTheYearsTheyAreKnownFor) {
  std::vector<std::string> lines = with_line(5, "# no first_year");
  lines.at(5) = "# no last_year";
  EXPECT_EQ(load_error(lines), location(8, "exchanges.TEST.holidays[0]") +
                                   "rules need first_year and last_year, the years they are known for");
  lines.at(7) = holiday("dates = [2026-12-24]");
  EXPECT_EQ(load_error(lines),
            location(8, "exchanges.TEST.holidays[0].dates[0]") +
                "dated days need first_year and last_year, the years the rules are known for");
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

TEST_F(ExchangeCalendarsLoaderTest, AnEarlyCloseOutsideEverySessionsDayIsRefused) {
  EXPECT_EQ(load_error(with_line(11, early_close("month = 11, day = 27, close = \"17:00\""))),
            location(11, "exchanges.TEST.early_closes[0].close") +
                "17:00 is not within the trading day, which runs from 09:30 to 16:00");
  EXPECT_EQ(load_error(with_line(11, early_close("month = 11, day = 27, close = \"09:30\""))),
            location(11, "exchanges.TEST.early_closes[0].close") +
                "09:30 is not within the trading day, which runs from 09:30 to 16:00");
  EXPECT_EQ(load_error(with_line(11, early_close("month = 11, day = 27"))),
            location(11, "exchanges.TEST.early_closes[0].close") + "is missing");
}

TEST_F(ExchangeCalendarsLoaderTest, ALateOpenIsReadAndChecked) {
  std::vector<std::string> lines =
      with_line(12, "]\nlate_opens = [\n" + early_close("month = 1, day = 4, open = \"11:00\"") + "\n]");
  const ExchangeCalendars calendars = load_exchange_calendars(write(lines));
  EXPECT_EQ(calendars.for_exchange("TEST")->sessions(2027y / January / 4).front().open,
            calendar_test::local_time("America/New_York", 2027y / January / 4, 11, 0));
  lines = with_line(12, "]\nlate_opens = [\n" + early_close("month = 1, day = 4, open = \"08:00\"") + "\n]");
  EXPECT_EQ(load_error(lines), location(14, "exchanges.TEST.late_opens[0].open") +
                                   "08:00 is not within the trading day, which runs from 09:30 to 16:00");
  lines = with_line(12, "]\nlate_opens = [\n" + early_close("month = 1, day = 4") + "\n]");
  EXPECT_EQ(load_error(lines), location(14, "exchanges.TEST.late_opens[0].open") + "is missing");
  lines = with_line(12, "]\nlate_opens = [\n" + early_close("month = 1, day = 4, close = \"11:00\"") + "\n]");
  EXPECT_THAT(load_error(lines),
              StartsWith(location(14, "exchanges.TEST.late_opens[0].close") + "unknown key"));
}

TEST_F(ExchangeCalendarsLoaderTest, AnEarlyCloseThatDoesNotFitADaysHoursIsRefusedAtItsRule) {
  // 10:00 is inside the first hours but not those in force from 2027: the day table finds it.
  std::vector<std::string> lines = with_line(
      4,
      "sessions = [{ open = \"09:30\", close = \"16:00\" }]\n"
      "session_changes = [{ from = 2027-01-01, sessions = [{ open = \"10:30\", close = \"16:00\" }] }]");
  lines.at(10) = early_close("month = 11, weekday = \"Thu\", nth = 4, offset = 1, close = \"10:00\"");
  EXPECT_EQ(load_error(lines),
            location(12, "exchanges.TEST.early_closes[0]") +
                "Early close on 2027-11-26: closing at 10:00 does not fit that day's hours, "
                "10:30 to 16:00");
}

TEST_F(ExchangeCalendarsLoaderTest, ALunarDayItsMonthLacksIsRefusedAtItsRule) {
  // Month 2 of the Chinese year 2026 (19 March to 16 April) has 29 days: there is no 30th to close on.
  EXPECT_EQ(load_error(with_line(8, holiday("lunar_month = 2, lunar_day = 30"))),
            location(8, "exchanges.TEST.holidays[0]") +
                "Holiday in 2026: lunar month 2 of the Chinese year starting in 2026 has 29 days, not 30");
}

TEST_F(ExchangeCalendarsLoaderTest, SessionChangesAreListedByDateWithGoodSessions) {
  const std::string sessions = "sessions = [{ open = \"09:30\", close = \"16:00\" }]\n";
  EXPECT_EQ(
      load_error(with_line(
          4, sessions + "session_changes = [\n"
                        "  { from = 2027-01-04, sessions = [{ open = \"09:00\", close = \"16:00\" }] },\n"
                        "  { from = 2026-06-01, sessions = [{ open = \"09:00\", close = \"15:00\" }] },\n"
                        "]")),
      location(7, "exchanges.TEST.session_changes[1].from") +
          "2026-06-01 is not after the change before it (2027-01-04): list changes by date");
  EXPECT_EQ(load_error(with_line(
                4, sessions + "session_changes = [{ from = 2027-01-04, sessions = [{ open = \"16:00\", "
                              "close = \"09:00\" }] }]")),
            location(5, "exchanges.TEST.session_changes[0].sessions[0]") +
                "close 09:00 is not after open 16:00 (a session that opens the evening before sets "
                "opens_previous_day = true)");
  EXPECT_EQ(load_error(with_line(4, sessions + "session_changes = [{ from = 2027-01-04, sessions = [] }]")),
            location(5, "exchanges.TEST.session_changes[0].sessions") + "must list at least one session");
  EXPECT_EQ(load_error(with_line(4, sessions + "session_changes = [{ from = 2027-01-04 }]")),
            location(5, "exchanges.TEST.session_changes[0].sessions") + "is missing");
  EXPECT_EQ(load_error(with_line(4, sessions + "session_changes = [{ form = 2027-01-04, sessions = [] }]")),
            location(5, "exchanges.TEST.session_changes[0].form") +
                "unknown key; did you mean from? (known: from, sessions)");
}

TEST_F(ExchangeCalendarsLoaderTest, MoreSessionChangesThanADayTableHoldsAreRefused) {
  std::string changes = "session_changes = [";
  for (int day = 0; day < 256; ++day) {
    const std::chrono::year_month_day from{std::chrono::sys_days{2026y / January / 1} +
                                           std::chrono::days{day}};
    changes += "{ from = " + format_iso_date(std::chrono::sys_days{from}) +
               ", sessions = [{ open = \"09:30\", close = \"16:00\" }] },";
  }
  EXPECT_EQ(
      load_error(with_line(4, "sessions = [{ open = \"09:30\", close = \"16:00\" }]\n" + changes + "]")),
      location(5, "exchanges.TEST.session_changes") + "at most 255 session changes");
}

TEST_F(ExchangeCalendarsLoaderTest, AnUnknownKeyIsRefusedWithTheClosestKnownOne) {
  EXPECT_EQ(load_error(with_line(2, "timezone = \"America/New_York\"")),
            location(2, "exchanges.TEST.timezone") +
                "unknown key; did you mean time_zone? (known: title, time_zone, trading_days, sessions, "
                "session_changes, first_year, last_year, holidays, early_closes, late_opens)");
  EXPECT_EQ(load_error(with_line(8, holiday("month = 12, day = 25, obseved = \"nearest_weekday\""))),
            location(8, "exchanges.TEST.holidays[0].obseved") +
                "unknown key; did you mean observed? (known: " + kHolidayKeys + ")");
  EXPECT_EQ(load_error(with_line(11, early_close("month = 11, day = 27, close = \"13:00\", reason = \"x\""))),
            location(11, "exchanges.TEST.early_closes[0].reason") + "unknown key (known: " + kHolidayKeys +
                ", close, daily_bar)");
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
