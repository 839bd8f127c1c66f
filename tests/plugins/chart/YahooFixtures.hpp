#pragma once

// Recorded Yahoo answers (tests/fixtures/yahoo, copied from ../shared/fixtures). Tests read them in
// place instead of keeping copies, so the recorded files stay the one ground truth.

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

namespace pricefeed::yahoo::test {

inline std::filesystem::path source_dir() {
  const char* dir = std::getenv("PRICEFEED_SOURCE_DIR");
  if (dir == nullptr || *dir == '\0') {
    throw std::runtime_error("PRICEFEED_SOURCE_DIR is not set: run the tests through ctest");
  }
  return dir;
}

// tests/fixtures/yahoo when present, else the shared originals next to the checkout.
inline std::filesystem::path yahoo_fixture_dir() {
  const std::filesystem::path in_tree = source_dir() / "tests" / "fixtures" / "yahoo";
  if (std::filesystem::is_directory(in_tree)) return in_tree;
  const std::filesystem::path shared = source_dir() / ".." / "shared" / "fixtures" / "yahoo";
  if (std::filesystem::is_directory(shared)) return shared;
  throw std::runtime_error("no Yahoo fixtures in " + in_tree.string() + " nor " + shared.string());
}

inline std::string read_yahoo_fixture(std::string_view name) {
  const std::filesystem::path path = yahoo_fixture_dir() / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read fixture " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every chart-*.json answer, sorted by name.
inline std::vector<std::string> yahoo_chart_fixture_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(yahoo_fixture_dir())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("chart-", 0) == 0 && entry.path().extension() == ".json") names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
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

}  // namespace pricefeed::yahoo::test
