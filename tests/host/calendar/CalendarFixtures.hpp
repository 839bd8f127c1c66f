// Reading the reference tables of tests/fixtures/calendars (their origin: tests/fixtures/README.md) and
// printing dates in failure messages.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace pricefeed::host::calendar_test {

// One CSV row by column name; the header is the first line.
using CsvRow = std::map<std::string, std::string>;

inline std::vector<CsvRow> read_calendar_fixture(const std::string& name) {
  const char* dir = std::getenv("PRICEFEED_SOURCE_DIR");
  if (dir == nullptr || *dir == '\0') {
    throw std::runtime_error("PRICEFEED_SOURCE_DIR is not set: run the tests through ctest");
  }
  const std::filesystem::path path = std::filesystem::path(dir) / "tests" / "fixtures" / "calendars" / name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  auto split = [](const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, ',');)
      cells.push_back(cell);
    return cells;
  };
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line);
  std::vector<CsvRow> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> cells = split(line);
    if (cells.size() != header.size()) throw std::runtime_error(path.string() + ": bad row " + line);
    CsvRow row;
    for (std::size_t i = 0; i < cells.size(); ++i)
      row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

// "2024-02-10" -> sys_days.
inline std::chrono::sys_days parse_date(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(text.c_str(), "%d-%u-%u", &y, &m, &d) != 3) throw std::runtime_error("bad date " + text);
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) throw std::runtime_error("bad date " + text);
  return std::chrono::sys_days{date};
}

inline std::string format_date(std::chrono::sys_days day) {
  const std::chrono::year_month_day date{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

inline std::chrono::sys_days ymd(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

}  // namespace pricefeed::host::calendar_test
