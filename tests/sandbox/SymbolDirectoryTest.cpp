// The NASDAQ Trader symbol directory files.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

std::size_t Columns(const std::string& line) {
  return static_cast<std::size_t>(std::count(line.begin(), line.end(), '|')) + 1;
}

class SymbolDirectoryTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2025-07-22T01:31:00Z"); }
};

TEST_F(SymbolDirectoryTest, HasAtLeast8000ListingsInTheRecordedFormat) {
  auto nasdaq = sandbox_->get("/dynamic/SymDir/nasdaqlisted.txt");
  auto other = sandbox_->get("/dynamic/SymDir/otherlisted.txt");
  ASSERT_EQ(nasdaq.status, 200u);
  ASSERT_EQ(other.status, 200u);
  EXPECT_EQ(nasdaq.headers["content-type"], "text/plain");
  auto n = Lines(nasdaq.body), o = Lines(other.body);
  auto rn = Lines(testing::read_fixture("nasdaqtrader/nasdaqlisted.TRIMMED.txt"));
  auto ro = Lines(testing::read_fixture("nasdaqtrader/otherlisted.TRIMMED.txt"));
  EXPECT_EQ(n.front(), rn.front());
  EXPECT_EQ(o.front(), ro.front());
  EXPECT_GE(n.size() - 2 + o.size() - 2, 8000u);
  // The footer, as recorded: same creation time at the recording's moment, same trailing columns.
  EXPECT_EQ(n.back(), rn.back());
  EXPECT_EQ(o.back(), ro.back());
  EXPECT_TRUE(std::regex_match(n.back(), std::regex(R"(File Creation Time: \d{10}:\d{2}\|{7})")));
}

TEST_F(SymbolDirectoryTest, RecordedRowsAreIncludedUnchanged) {
  for (const auto& [file, path] :
       {std::pair{"nasdaqtrader/nasdaqlisted.TRIMMED.txt", "/dynamic/SymDir/nasdaqlisted.txt"},
        std::pair{"nasdaqtrader/otherlisted.TRIMMED.txt", "/dynamic/SymDir/otherlisted.txt"}}) {
    auto served = Lines(sandbox_->get(path).body);
    std::set<std::string> lines(served.begin(), served.end());
    auto recorded = Lines(testing::read_fixture(file));
    for (std::size_t i = 1; i + 1 < recorded.size(); ++i)
      EXPECT_TRUE(lines.count(recorded[i])) << recorded[i];
  }
}

TEST_F(SymbolDirectoryTest, RowsHaveEightColumnsUniqueSortedSymbolsAndRealisticKinds) {
  auto check = [](const std::string& body, bool nasdaq) {
    auto lines = Lines(body);
    std::set<std::string> symbols;
    std::string previous;
    int etfs = 0, tests = 0, preferreds = 0, classes = 0;
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
      const std::string& l = lines[i];
      EXPECT_EQ(Columns(l), 8u) << l;
      std::string symbol = l.substr(0, l.find('|'));
      EXPECT_TRUE(symbols.insert(symbol).second) << symbol;
      EXPECT_LT(previous, symbol);
      previous = symbol;
      if (l.find("|Y|") != std::string::npos && l.find(" ETF") != std::string::npos) ++etfs;
      if (nasdaq ? l.find("|Y|N|100||N") != std::string::npos
                 : l.ends_with("|Y|" + symbol) || l.find("|Y|" + symbol.substr(0, 2)) != std::string::npos)
        ++tests;
      if (symbol.find('$') != std::string::npos) ++preferreds;
      if (symbol.size() > 2 && symbol[symbol.size() - 2] == '.') ++classes;
    }
    EXPECT_GT(etfs, 500);
    EXPECT_GE(tests, 4);
    if (!nasdaq) {
      EXPECT_GT(preferreds, 100);
      EXPECT_GT(classes, 100);
    }
  };
  check(sandbox_->get("/dynamic/SymDir/nasdaqlisted.txt").body, true);
  check(sandbox_->get("/dynamic/SymDir/otherlisted.txt").body, false);
}

TEST_F(SymbolDirectoryTest, YahooKnowsTheListingsInItsOwnSpelling) {
  auto& sb = sandbox_->sandbox();
  EXPECT_TRUE(sb.instruments().find("BRK-B"));
  EXPECT_FALSE(sb.instruments().find("BRK.B"));
  EXPECT_TRUE(sb.instruments().find("ABR-PD"));
  // Units and warrants in Yahoo's spelling, under the directory's names.
  ASSERT_TRUE(sb.directory().find_yahoo("AACT-UN"));
  EXPECT_EQ(sb.directory().find_yahoo("AACT-UN")->symbol, "AACT.U");
  EXPECT_EQ(sb.directory().find_yahoo("AACT-WT")->symbol, "AACT.W");
  EXPECT_EQ(sb.directory().find_yahoo("AACT-U"), nullptr);
  int checked = 0;
  for (const auto& l : sb.directory().listings()) {
    if (l.test_issue || checked > 200) continue;
    auto in = sb.instruments().find(l.yahoo_symbol);
    ASSERT_TRUE(in) << l.symbol;
    EXPECT_EQ(in->instrument_type, l.etf ? "ETF" : "EQUITY") << l.symbol;
    ++checked;
  }
}

}  // namespace
}  // namespace pricefeed::sandbox
