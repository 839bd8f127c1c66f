// The sandbox's NYSE calendar against the reference sessions of tests/fixtures/calendars/xnys.csv.gz
// (exchange_calendars' XNYS, 1990-2100; origin in that folder's README.md): every day's trading or
// not and its length (early closes at 14:00 before 1993, 13:00 since), so the stock series the
// sandbox serves miss no holiday and invent no session; and its open instant through 2037.
//
// Why the opens stop at 2037: date/tz reads the system's TZif files (USE_OS_TZDB) and ignores their
// footer, the POSIX rule ("EST5EDT,M3.2.0,M11.1.0") that governs every instant after the last listed
// transition; Debian's files list transitions up to 2037 only. So from 2038 on date/tz gives New
// York no daylight saving time and opens an hour late in summer. That is the time zone library's
// limit, not the calendar's; the length and the trading days are checked through 2100.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/sandbox/Calendar.hpp"
#include "tests/sandbox/TestSupport.hpp"
#include "tests/support/GzipLines.hpp"

namespace pricefeed::sandbox {
namespace {

using namespace std::chrono;

struct ReferenceSession {
  sys_seconds open;
  sys_seconds close;
};

// date -> session. Fails the test (empty map) when unreadable.
std::map<sys_days, ReferenceSession> read_reference(const std::string& path) {
  std::map<sys_days, ReferenceSession> sessions;
  std::vector<std::string> lines;
  try {
    lines = test::read_gzip_lines(path);
  } catch (const std::exception& error) {
    ADD_FAILURE() << error.what();
    return sessions;
  }
  if (lines.empty() || lines.front() != "date,open_utc,close_utc,break_start_utc,break_end_utc") {
    ADD_FAILURE() << path << ": unexpected header";
    return sessions;
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::istringstream fields(lines[i]);
    std::string date_text, open_text, close_text;
    std::getline(fields, date_text, ',');
    std::getline(fields, open_text, ',');
    std::getline(fields, close_text, ',');
    const auto date = parse_iso_date(date_text);
    const auto open = parse_instant(open_text);
    const auto close = parse_instant(close_text);
    if (!date || !open || !close) {
      ADD_FAILURE() << path << ":" << i + 1 << ": unreadable row \"" << lines[i] << "\"";
      continue;
    }
    sessions.emplace(*date, ReferenceSession{*open, *close});
  }
  return sessions;
}

std::string instant_text(sys_seconds t) {
  return date::format("%FT%TZ", t);
}

std::string answer(bool trading, sys_seconds open, int minutes) {
  if (!trading) return "closed";
  return "open " + instant_text(open) + " for " + std::to_string(minutes) + " min";
}

TEST(NyseCalendarReferenceTest, EveryDayFrom1990To2100MatchesExchangeCalendarsXnys) {
  const std::string path = testing::fixtures_dir() + "/calendars/xnys.csv.gz";
  const auto reference = read_reference(path);
  ASSERT_GT(reference.size(), 27000u) << path;

  const Session nyse_equity;  // the default Session is the NYSE's regular 09:30-16:00 session
  const sys_days first = testing::day("1990-01-01");
  const sys_days last = testing::day("2100-12-31");
  const sys_days last_open_checked = testing::day("2037-12-31");
  int mismatches = 0;
  for (sys_days day = first; day <= last; day += days{1}) {
    const auto it = reference.find(day);
    const bool expected_trading = it != reference.end();
    const sys_seconds expected_open = expected_trading ? it->second.open : sys_seconds{};
    const int expected_minutes =
        expected_trading
            ? static_cast<int>(duration_cast<minutes>(it->second.close - it->second.open).count())
            : 0;

    const bool trading = is_trading_day(CalendarKind::nyse, day);
    const sys_seconds open = !trading                   ? sys_seconds{}
                             : day <= last_open_checked ? session_open(nyse_equity, day)
                                                        : expected_open;  // see the top of the file
    const int length = trading ? session_minutes(nyse_equity, day) : 0;

    if (trading != expected_trading || open != expected_open || length != expected_minutes) {
      ++mismatches;
      ADD_FAILURE() << iso_date(day) << " (" << date::format("%a", day) << "): sandbox "
                    << answer(trading, open, length) << ", reference "
                    << answer(expected_trading, expected_open, expected_minutes);
    }
  }
  EXPECT_EQ(mismatches, 0);
  // Every reference session lies in the range checked above, so none was skipped.
  EXPECT_EQ(reference.begin()->first, testing::day("1990-01-02"));
  EXPECT_EQ(reference.rbegin()->first, last);
}

}  // namespace
}  // namespace pricefeed::sandbox
