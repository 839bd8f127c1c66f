#pragma once

// Recorded upstream answers (tests/fixtures/<api>, each one's origin in tests/fixtures/README.md). Tests read
// them in place instead of keeping copies, so the recorded files stay the one ground truth.

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::plugins::test {

inline std::filesystem::path source_dir() {
  const char* dir = std::getenv("PRICEFEED_SOURCE_DIR");
  if (dir == nullptr || *dir == '\0') {
    throw std::runtime_error("PRICEFEED_SOURCE_DIR is not set: run the tests through ctest");
  }
  return dir;
}

// tests/fixtures/<api> when present, else the shared originals next to the checkout.
inline std::filesystem::path fixture_dir(std::string_view api) {
  const std::filesystem::path in_tree = source_dir() / "tests" / "fixtures" / api;
  if (std::filesystem::is_directory(in_tree)) return in_tree;
  const std::filesystem::path shared = source_dir() / ".." / "shared" / "fixtures" / api;
  if (std::filesystem::is_directory(shared)) return shared;
  throw std::runtime_error("no fixtures for " + std::string(api) + " in " + in_tree.string() + " nor " +
                           shared.string());
}

inline std::string read_fixture(std::string_view api, std::string_view name) {
  const std::filesystem::path path = fixture_dir(api) / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read fixture " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The names of an API's fixtures that start with `prefix` and end with `extension`, sorted.
inline std::vector<std::string> fixture_names(std::string_view api, std::string_view prefix,
                                              std::string_view extension) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(fixture_dir(api))) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && entry.path().extension() == extension) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline std::string read_yahoo_fixture(std::string_view name) {
  return read_fixture("yahoo", name);
}

// Every recorded Yahoo chart answer.
inline std::vector<std::string> yahoo_chart_fixture_names() {
  return fixture_names("yahoo", "chart-", ".json");
}

// 00:00 UTC of a civil date, for readable expectations.
inline std::int64_t utc_midnight(int year, unsigned month, unsigned day) {
  // Days from civil (Howard Hinnant's algorithm), kept here so the tests do not reuse the code under
  // test to compute their expectations.
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468) * 86400;
}

}  // namespace pricefeed::plugins::test
