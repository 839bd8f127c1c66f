// `pricefeed calendar` end to end: the real binary reading the shipped config/exchanges.toml (a
// configuration in a fresh folder makes a build tree read the source tree's), without a database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CalendarCommand : public ::testing::Test {
 protected:
  void SetUp() override { config_ = dir_.write_file("pricefeed.toml", "# defaults\n"); }

  CommandResult calendar(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_.string(), "calendar"});
    return run_pricefeed(args, {{"DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none"}});
  }

  TemporaryDirectory dir_;
  std::filesystem::path config_;
};

TEST_F(CalendarCommand, CsvOfTheNyseThanksgivingWeekMatchesTheReferenceLayout) {
  auto r = calendar({"NYSE", "--from", "2026-11-23", "--to", "2026-11-29", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "date,open_utc,close_utc,break_start_utc,break_end_utc\n"
            "2026-11-23,2026-11-23T14:30:00Z,2026-11-23T21:00:00Z,,\n"
            "2026-11-24,2026-11-24T14:30:00Z,2026-11-24T21:00:00Z,,\n"
            "2026-11-25,2026-11-25T14:30:00Z,2026-11-25T21:00:00Z,,\n"
            "2026-11-27,2026-11-27T14:30:00Z,2026-11-27T18:00:00Z,,\n");
}

TEST_F(CalendarCommand, CsvGivesTheLunchBreakOfJpxAndHkex) {
  auto jpx = calendar({"JPX", "--from", "2026-12-01", "--to", "2026-12-01", "--format", "csv"});
  ASSERT_EQ(jpx.exit_code, 0) << jpx.err;
  EXPECT_THAT(jpx.out, HasSubstr("2026-12-01,2026-12-01T00:00:00Z,2026-12-01T06:30:00Z,2026-12-01T02:30:00Z,"
                                 "2026-12-01T03:30:00Z\n"));
  auto hkex = calendar({"hkex", "--from", "2026-12-01", "--to", "2026-12-01", "--format", "csv"});
  ASSERT_EQ(hkex.exit_code, 0) << hkex.err;
  EXPECT_THAT(hkex.out, HasSubstr("2026-12-01,2026-12-01T01:30:00Z,2026-12-01T08:00:00Z,2026-12-01T04:00:00Z,"
                                  "2026-12-01T05:00:00Z\n"));
}

TEST_F(CalendarCommand, TextNamesTheCalendarItsHolidaysAndEarlyCloses) {
  auto r = calendar({"nyq", "--from", "2026-11-23", "--to", "2026-11-29"});  // an alias, any case
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("NYSE: New York Stock Exchange, America/New_York"));
  EXPECT_THAT(r.out, HasSubstr("2026-11-25 Wed  09:30-16:00\n"));
  EXPECT_THAT(r.out, HasSubstr("2026-11-26 Thu  closed: Thanksgiving"));
  EXPECT_THAT(r.out, HasSubstr("2026-11-27 Fri  09:30-13:00  early close 13:00 ("));
  EXPECT_THAT(r.out, HasSubstr("2026-11-28 Sat  closed (weekend)\n"));
  EXPECT_THAT(r.out, Not(HasSubstr("outside the years")));
}

TEST_F(CalendarCommand, TextMarksDatesOutsideTheCoveredYears) {
  auto r = calendar({"NYSE", "--from", "1989-12-29", "--to", "1990-01-02"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1989-12-29 Fri  09:30-16:00  *\n"));
  EXPECT_THAT(r.out, HasSubstr("1990-01-01 Mon  closed: New Year"));
  EXPECT_THAT(r.out, HasSubstr("* outside the years the rules cover (1990-2100)"));
}

TEST_F(CalendarCommand, JsonListsSessionsAndHolidays) {
  auto r = calendar({"NYSE", "--from", "2026-11-23", "--to", "2026-11-29", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = nlohmann::json::parse(r.out);
  EXPECT_EQ(out["calendar"], "NYSE");
  EXPECT_EQ(out["time_zone"], "America/New_York");
  EXPECT_EQ(out["covered_years"]["first"], 1990);
  ASSERT_EQ(out["sessions"].size(), 4u);
  const auto& friday = out["sessions"][3];
  EXPECT_EQ(friday["date"], "2026-11-27");
  EXPECT_EQ(friday["open_utc"], "2026-11-27T14:30:00Z");
  EXPECT_EQ(friday["close_utc"], "2026-11-27T18:00:00Z");
  EXPECT_TRUE(friday["break_start_utc"].is_null());
  EXPECT_TRUE(friday["early_close"].is_string());
  EXPECT_FALSE(out["sessions"][0].contains("early_close"));
  ASSERT_EQ(out["holidays"].size(), 1u);
  EXPECT_EQ(out["holidays"][0]["date"], "2026-11-26");
  EXPECT_THAT(out["holidays"][0]["name"].get<std::string>(), HasSubstr("Thanksgiving"));
}

struct UsageCase {
  std::vector<std::string> args;
  std::string message;
};

TEST_F(CalendarCommand, EachUsageErrorExitsTwoNamingWhatWasWrong) {
  const std::vector<UsageCase> cases = {
      {{"NYSX", "--from", "2026-11-23", "--to", "2026-11-29"},
       "unknown exchange \"NYSX\" (did you mean NYSE?); calendars: NYSE, NASDAQ"},
      {{"NYSE", "--from", "2026-13-01", "--to", "2026-12-29"},
       "--from: \"2026-13-01\" is not a date (YYYY-MM-DD)"},
      {{"NYSE", "--from", "2026-11-23", "--to", "26-11-29"}, "--to: \"26-11-29\" is not a date (YYYY-MM-DD)"},
      {{"NYSE", "--from", "2026-11-30", "--to", "2026-11-29"}, "--from 2026-11-30 is after --to 2026-11-29"},
      {{"NYSE", "--from", "2026-11-23", "--to", "2026-11-29", "--format", "xml"},
       "--format: \"xml\" is not one of text, csv, json"},
      {{"NYSE", "--from", "1826-11-23", "--to", "2026-11-29"}, "spans more than 200 years"},
      {{"--from", "2026-11-23", "--to", "2026-11-29"}, "NAME is required"},
  };
  for (const auto& c : cases) {
    auto r = calendar(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.message << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.message));
    EXPECT_EQ(r.out, "") << c.message;
  }
}

TEST_F(CalendarCommand, ExactlyTwoHundredYearsIsAccepted) {
  auto r = calendar({"NYSE", "--from", "1900-01-04", "--to", "2100-01-04", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("date,open_utc,close_utc,break_start_utc,break_end_utc\n1900-01-04,"));
  EXPECT_TRUE(r.out.ends_with("\n2100-01-04,2100-01-04T14:30:00Z,2100-01-04T21:00:00Z,,\n"));
  auto over = calendar({"NYSE", "--from", "1900-01-04", "--to", "2100-01-05", "--format", "csv"});
  EXPECT_EQ(over.exit_code, 2);
}

}  // namespace
}  // namespace pricefeed::test
