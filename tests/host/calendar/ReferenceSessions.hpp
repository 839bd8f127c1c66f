// Sessions of an independent calendar library (tests/fixtures/calendars/, see its README), and the
// comparison of a pricefeed calendar with them, day by day, naming every date that differs.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/calendar/ExchangeCalendar.hpp"

namespace pricefeed::host::calendar_test {

// One trading day as the reference files write it: the day's open and close, and its lunch break.
struct DaySession {
  std::chrono::sys_days date;
  std::chrono::sys_seconds open;
  std::chrono::sys_seconds close;
  std::optional<std::chrono::sys_seconds> break_start;
  std::optional<std::chrono::sys_seconds> break_end;

  bool operator==(const DaySession&) const = default;
};

// tests/fixtures/calendars/`file_name` (date,open_utc,close_utc,break_start_utc,break_end_utc, gzip).
std::vector<DaySession> read_reference_sessions(std::string_view file_name);

// tests/fixtures/calendars/`file_name`, a plain CSV table: one row by column name (the header line's).
using CsvRow = std::map<std::string, std::string>;
std::vector<CsvRow> read_reference_table(std::string_view file_name);

// tests/fixtures/calendars/`file_name`: trading dates only, one YYYY-MM-DD per line (gzip).
std::vector<std::chrono::sys_days> read_reference_days(std::string_view file_name);

// `calendar`'s trading day `date` in the reference's shape; nullopt on a day without trading.
std::optional<DaySession> day_session(const ExchangeCalendar& calendar, std::chrono::sys_days date);

struct Comparison {
  std::chrono::sys_days from;  // both included
  std::chrono::sys_days to;
  // Dates where a difference is deliberate (docs/calendars.md lists them): date -> why.
  std::map<std::chrono::sys_days, std::string> excused;
  // Applied to each reference session before comparing, for a difference that holds every day
  // (CME Globex's daily maintenance hour). Empty: none.
  std::function<DaySession(DaySession)> adjust;
};

// The whole of the reference's range that the calendar's rules cover.
Comparison over_reference(const ExchangeCalendar& calendar, const std::vector<DaySession>& reference);

// Every day of [from, to] on which `calendar` and `reference` disagree, one line each naming the date
// and both answers; at most `limit` lines, then a count of the rest.
std::vector<std::string> differences(const ExchangeCalendar& calendar,
                                     const std::vector<DaySession>& reference, const Comparison& comparison,
                                     std::size_t limit = 40);

// The lines of differences(), one per line, for a test's failure message.
std::string joined(const std::vector<std::string>& lines);

}  // namespace pricefeed::host::calendar_test
