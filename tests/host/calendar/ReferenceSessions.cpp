#include "tests/host/calendar/ReferenceSessions.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "host/time/CalendarDate.hpp"
#include "host/time/UtcTimestamp.hpp"
#include "tests/support/GzipLines.hpp"

namespace pricefeed::host::calendar_test {
namespace {

std::filesystem::path fixture(std::string_view file_name) {
  const char* dir = std::getenv("PRICEFEED_SOURCE_DIR");
  if (dir == nullptr || *dir == '\0')
    throw std::runtime_error("PRICEFEED_SOURCE_DIR is not set: run through ctest");
  return std::filesystem::path(dir) / "tests" / "fixtures" / "calendars" / std::string(file_name);
}

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> result;
  for (std::size_t start = 0;;) {
    const std::size_t comma = line.find(',', start);
    result.push_back(
        line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return result;
    start = comma + 1;
  }
}

std::chrono::sys_days date_field(std::string_view text, const std::string& where) {
  const auto day = try_parse_iso_date(text);
  if (!day) throw std::runtime_error(where + ": bad date \"" + std::string(text) + "\"");
  return *day;
}

std::chrono::sys_seconds instant_field(std::string_view text, const std::string& where) {
  const auto instant = parse_utc_timestamp(text);
  if (!instant) throw std::runtime_error(where + ": bad instant \"" + std::string(text) + "\"");
  return *instant;
}

std::string describe(const std::optional<DaySession>& session) {
  if (!session) return "closed";
  std::string text = format_utc_timestamp(session->open) + " to " + format_utc_timestamp(session->close);
  if (session->break_start) {
    text += ", break " + format_utc_timestamp(*session->break_start) + " to " +
            format_utc_timestamp(*session->break_end);
  }
  return text;
}

}  // namespace

std::vector<DaySession> read_reference_sessions(std::string_view file_name) {
  const std::filesystem::path file = fixture(file_name);
  const std::vector<std::string> lines = test::read_gzip_lines(file);
  if (lines.empty() || lines.front() != "date,open_utc,close_utc,break_start_utc,break_end_utc") {
    throw std::runtime_error(file.string() + ": not a reference session file (header)");
  }
  std::vector<DaySession> sessions;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string where = file.string() + ":" + std::to_string(i + 1);
    const std::vector<std::string_view> row = fields(lines[i]);
    if (row.size() != 5) throw std::runtime_error(where + ": expected 5 fields");
    DaySession session{
        date_field(row[0], where), instant_field(row[1], where), instant_field(row[2], where), {}, {}};
    if (!row[3].empty() || !row[4].empty()) {
      session.break_start = instant_field(row[3], where);
      session.break_end = instant_field(row[4], where);
    }
    sessions.push_back(session);
  }
  return sessions;
}

std::vector<CsvRow> read_reference_table(std::string_view file_name) {
  const std::filesystem::path file = fixture(file_name);
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::string line;
  std::getline(in, line);
  const std::vector<std::string_view> header_view = fields(line);
  const std::vector<std::string> header(header_view.begin(), header_view.end());
  std::vector<CsvRow> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::vector<std::string_view> cells = fields(line);
    if (cells.size() != header.size()) throw std::runtime_error(file.string() + ": bad row " + line);
    CsvRow row;
    for (std::size_t i = 0; i < cells.size(); ++i)
      row.emplace(header[i], cells[i]);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::chrono::sys_days> read_reference_days(std::string_view file_name) {
  const std::filesystem::path file = fixture(file_name);
  std::vector<std::chrono::sys_days> days;
  const std::vector<std::string> lines = test::read_gzip_lines(file);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    days.push_back(date_field(lines[i], file.string() + ":" + std::to_string(i + 1)));
  }
  return days;
}

std::optional<DaySession> day_session(const ExchangeCalendar& calendar, std::chrono::sys_days date) {
  const std::vector<TradingSession> sessions = calendar.sessions(std::chrono::year_month_day{date});
  if (sessions.empty()) return std::nullopt;
  DaySession day{date, sessions.front().open, sessions.back().close, {}, {}};
  if (sessions.size() == 2) {
    day.break_start = sessions[0].close;
    day.break_end = sessions[1].open;
  } else if (sessions.size() > 2) {
    throw std::runtime_error(calendar.name() + " " + format_iso_date(date) + ": more than two sessions");
  }
  return day;
}

Comparison over_reference(const ExchangeCalendar& calendar, const std::vector<DaySession>& reference) {
  const YearRange& years = calendar.rules().covered_years.value();
  const std::chrono::sys_days first{std::chrono::year{years.first} / std::chrono::January / 1};
  const std::chrono::sys_days last{std::chrono::year{years.last} / std::chrono::December / 31};
  return Comparison{std::max(first, reference.front().date), std::min(last, reference.back().date), {}, {}};
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines)
    text += line + "\n";
  return text;
}

std::vector<std::string> differences(const ExchangeCalendar& calendar,
                                     const std::vector<DaySession>& reference, const Comparison& comparison,
                                     std::size_t limit) {
  std::map<std::chrono::sys_days, DaySession> expected;
  for (const DaySession& session : reference) {
    if (session.date >= comparison.from && session.date <= comparison.to) {
      expected.emplace(session.date, comparison.adjust ? comparison.adjust(session) : session);
    }
  }
  std::vector<std::string> found;
  std::size_t more = 0;
  for (std::chrono::sys_days date = comparison.from; date <= comparison.to; date += std::chrono::days{1}) {
    if (comparison.excused.contains(date)) continue;
    const auto it = expected.find(date);
    const std::optional<DaySession> want = it == expected.end() ? std::nullopt : std::optional{it->second};
    const std::optional<DaySession> got = day_session(calendar, date);
    if (want == got) continue;
    if (found.size() == limit) {
      ++more;
      continue;
    }
    std::string line = calendar.name() + " " + format_iso_date(date) + ": reference " + describe(want) +
                       "; pricefeed " + describe(got);
    if (const auto special = calendar.special_day(std::chrono::year_month_day{date})) {
      line += " (" + std::string(special->name) + ")";
    }
    found.push_back(line);
  }
  if (more > 0) found.push_back("... and " + std::to_string(more) + " more days");
  return found;
}

}  // namespace pricefeed::host::calendar_test
