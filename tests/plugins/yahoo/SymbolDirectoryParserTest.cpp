// NASDAQ Trader's symbol directory files: the recorded ones (tests/fixtures/nasdaqtrader) and the ways
// a download goes wrong (an HTML page, a cut-off file, a changed header, a ragged row).

#include "yahoo/SymbolDirectoryParser.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pricefeed/error.hpp>

#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::yahoo {
namespace {

using plugins::test::fixture_names;
using plugins::test::read_fixture;
using ::testing::HasSubstr;

constexpr SymbolDirectoryFile kNasdaq = SymbolDirectoryFile::nasdaq_listed;
constexpr SymbolDirectoryFile kOther = SymbolDirectoryFile::other_listed;

const std::string kNasdaqHeader =
    "Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares";
const std::string kOtherHeader =
    "ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol";

const DirectoryListing* find(const SymbolDirectory& directory, const std::string& symbol) {
  const auto it = std::find_if(directory.listings.begin(), directory.listings.end(),
                               [&](const DirectoryListing& l) { return l.symbol == symbol; });
  return it == directory.listings.end() ? nullptr : &*it;
}

Error parse_error(const std::string& text, SymbolDirectoryFile file) {
  try {
    parse_symbol_directory(text, file);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a pricefeed::Error";
  return Error::permanent("none thrown");
}

TEST(SymbolDirectoryParser, EveryRecordedFileParses) {
  const std::vector<std::string> names = fixture_names("nasdaqtrader", "", ".txt");
  ASSERT_EQ(names.size(), 2u);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const SymbolDirectoryFile file = name.rfind("nasdaqlisted", 0) == 0 ? kNasdaq : kOther;
    const SymbolDirectory directory = parse_symbol_directory(read_fixture("nasdaqtrader", name), file);
    EXPECT_FALSE(directory.listings.empty());
    EXPECT_EQ(directory.created, "0721202521:31");
    EXPECT_EQ(directory.unusable_rows, 0u);
    EXPECT_TRUE(directory.warnings.empty()) << directory.warnings.front();
    for (const DirectoryListing& listing : directory.listings) {
      EXPECT_FALSE(listing.ticker.empty()) << listing.symbol;
      EXPECT_FALSE(listing.name.empty()) << listing.symbol;
      EXPECT_FALSE(listing.exchange.empty()) << listing.symbol;
    }
  }
}

TEST(SymbolDirectoryParser, NasdaqListedKeepsEtfsAndLeavesOutTestIssuesAndTheFooter) {
  const SymbolDirectory directory =
      parse_symbol_directory(read_fixture("nasdaqtrader", "nasdaqlisted.TRIMMED.txt"), kNasdaq);
  // 21 rows: 15 listings and 6 test issues (ZAZZT ... ZWZZT); the footer is no listing.
  EXPECT_EQ(directory.listings.size(), 15u);
  EXPECT_EQ(directory.test_issues, 6u);
  EXPECT_EQ(directory.next_shares, 0u);
  EXPECT_EQ(find(directory, "ZVZZT"), nullptr);

  const DirectoryListing* apple = find(directory, "AAPL");
  ASSERT_NE(apple, nullptr);
  EXPECT_EQ(apple->ticker, "AAPL");
  EXPECT_EQ(apple->name, "Apple Inc. - Common Stock");
  EXPECT_EQ(apple->exchange, "NASDAQ");
  EXPECT_FALSE(apple->etf);

  const DirectoryListing* qqq = find(directory, "QQQ");
  ASSERT_NE(qqq, nullptr);
  EXPECT_TRUE(qqq->etf);
  EXPECT_EQ(qqq->name, "Invesco QQQ Trust, Series 1");
  // Units, rights and warrants of NASDAQ listings carry their suffix letter without a separator.
  ASSERT_NE(find(directory, "AACBU"), nullptr);
  EXPECT_EQ(find(directory, "AACBU")->ticker, "AACBU");
  // Deficient (D) and delinquent (E) issuers are still listed.
  EXPECT_NE(find(directory, "ACET"), nullptr);
  EXPECT_NE(find(directory, "ABVE"), nullptr);
}

TEST(SymbolDirectoryParser, OtherListedNormalisesActSymbolsToYahoos) {
  const SymbolDirectory directory =
      parse_symbol_directory(read_fixture("nasdaqtrader", "otherlisted.TRIMMED.txt"), kOther);
  // 23 rows: 16 listings and 7 test issues (ATEST, ATEST.A/B/C, CBO, CBX, MTEST).
  EXPECT_EQ(directory.listings.size(), 16u);
  EXPECT_EQ(directory.test_issues, 7u);

  struct Case {
    std::string symbol, ticker, exchange;
    bool etf;
  };
  for (const Case& c : std::vector<Case>{
           {"BRK.A", "BRK-A", "NYSE", false},
           {"BRK.B", "BRK-B", "NYSE", false},
           {"ABR$D", "ABR-PD", "NYSE", false},
           {"AACT.U", "AACT-UN", "NYSE", false},
           {"AACT.W", "AACT-WT", "NYSE", false},
           {"A", "A", "NYSE", false},
           {"AAA", "AAA", "NYSE Arca", true},
           {"AAAA", "AAAA", "Cboe BZX", true},
           {"SPY", "SPY", "NYSE Arca", true},
           {"GLD", "GLD", "NYSE Arca", true},
       }) {
    SCOPED_TRACE(c.symbol);
    const DirectoryListing* listing = find(directory, c.symbol);
    ASSERT_NE(listing, nullptr);
    EXPECT_EQ(listing->ticker, c.ticker);
    EXPECT_EQ(listing->exchange, c.exchange);
    EXPECT_EQ(listing->etf, c.etf);
  }
  // Names lose the padding the file sometimes has ("Alcoa Corporation Common Stock ").
  EXPECT_EQ(find(directory, "AA")->name, "Alcoa Corporation Common Stock");
}

TEST(SymbolDirectoryParser, EveryExchangeCodeHasAName) {
  const std::string text = kOtherHeader + "\n" +
                           "AN|American Co|A|AN|N|100|N|AN\n"
                           "NN|New York Co|N|NN|N|100|N|NN\n"
                           "PN|Arca Fund|P|PN|Y|100|N|PN\n"
                           "ZN|Bats Fund|Z|ZN|Y|100|N|ZN\n"
                           "VN|Iex Co|V|VN|N|100|N|VN\n"
                           "MN|Texas Co|M|MN|N|100|N|MN\n"
                           "XN|Somewhere Co|X|XN|N|100|N|XN\n"
                           "File Creation Time: 0721202521:31||||||\n";
  const SymbolDirectory directory = parse_symbol_directory(text, kOther);
  ASSERT_EQ(directory.listings.size(), 7u);
  std::vector<std::string> exchanges;
  for (const DirectoryListing& listing : directory.listings)
    exchanges.push_back(listing.exchange);
  EXPECT_EQ(exchanges, (std::vector<std::string>{"NYSE American", "NYSE", "NYSE Arca", "Cboe BZX", "IEX",
                                                 "NYSE Texas", "X"}));
  // A new venue's listings are kept under its code, and the operator is told once.
  ASSERT_EQ(directory.warnings.size(), 1u);
  EXPECT_THAT(directory.warnings[0], HasSubstr("otherlisted.txt: unknown exchange code 'X' on 1 listings"));
}

TEST(SymbolDirectoryParser, ColumnsAreFoundByNameInAnyOrder) {
  const std::string text =
      "Security Name|ETF|Test Issue|Symbol|Market Category|Financial Status|Round Lot Size\r\n"
      "Apple Inc. - Common Stock|N|N|AAPL|Q|N|100\r\n"
      "Invesco QQQ Trust, Series 1|Y|N|QQQ|G|N|100\r\n"
      "File Creation Time: 0721202521:31||||||\r\n";
  const SymbolDirectory directory = parse_symbol_directory(text, kNasdaq);
  ASSERT_EQ(directory.listings.size(), 2u);
  EXPECT_EQ(directory.listings[0].symbol, "AAPL");
  EXPECT_EQ(directory.listings[0].name, "Apple Inc. - Common Stock");
  EXPECT_TRUE(directory.listings[1].etf);
  EXPECT_EQ(directory.created, "0721202521:31");
}

TEST(SymbolDirectoryParser, NextSharesFundsAreLeftOut) {
  const std::string text = kNasdaqHeader + "\n" +
                           "AAPL|Apple Inc. - Common Stock|Q|N|N|100|N|N\n"
                           "EGFD|Eaton Vance Global Income Builder NextShares|G|N|N|100|N|Y\n"
                           "File Creation Time: 0721202521:31|||||||\n";
  const SymbolDirectory directory = parse_symbol_directory(text, kNasdaq);
  ASSERT_EQ(directory.listings.size(), 1u);
  EXPECT_EQ(directory.next_shares, 1u);
}

TEST(SymbolDirectoryParser, AChangedHeaderIsAClearPermanentError) {
  const std::string text =
      "Symbol|Company|Market Category|Test Issue|Financial Status|Round Lot Size|ETF\n"
      "AAPL|Apple Inc.|Q|N|N|100|N\n"
      "File Creation Time: 0721202521:31||||||\n";
  const Error e = parse_error(text, kNasdaq);
  EXPECT_EQ(e.status(), Status::permanent);
  EXPECT_THAT(e.what(), HasSubstr("nasdaqlisted.txt: the header has changed: no column 'Security Name'"));
  EXPECT_THAT(e.what(), HasSubstr("'Symbol|Company|Market Category"));

  // otherlisted.txt's header under nasdaqlisted.txt's name: two columns missing, both named.
  const Error swapped = parse_error(read_fixture("nasdaqtrader", "otherlisted.TRIMMED.txt"), kNasdaq);
  EXPECT_EQ(swapped.status(), Status::permanent);
  EXPECT_THAT(swapped.what(), HasSubstr("no column 'Symbol'"));
}

TEST(SymbolDirectoryParser, AnHtmlPageIsATransientBrokenDownload) {
  const Error e = parse_error(
      "<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head><body></body></html>\n", kOther);
  EXPECT_EQ(e.status(), Status::transient);
  EXPECT_THAT(e.what(), HasSubstr("otherlisted.txt is an HTML page"));
  EXPECT_THAT(e.what(), HasSubstr("Service Unavailable"));
}

TEST(SymbolDirectoryParser, AFileWithoutItsFooterWasCutShort) {
  std::string text = read_fixture("nasdaqtrader", "nasdaqlisted.TRIMMED.txt");
  text.resize(text.find("File Creation Time"));
  const Error e = parse_error(text, kNasdaq);
  EXPECT_EQ(e.status(), Status::transient);
  EXPECT_THAT(e.what(), HasSubstr("no 'File Creation Time:' footer"));
  EXPECT_THAT(e.what(), HasSubstr("cut short"));
  EXPECT_EQ(parse_error("", kNasdaq).status(), Status::transient);
  EXPECT_EQ(parse_error(kNasdaqHeader + "\n", kNasdaq).status(), Status::transient);
}

TEST(SymbolDirectoryParser, RaggedRowsAndUnusableSymbolsAreLeftOutAndQuoted) {
  const std::string text = kOtherHeader + "\n" +
                           "IBM|International Business Machines Corporation Common Stock|N|IBM|N|100|N|IBM\n"
                           "SHORT|Too few columns|N|SHORT|N|100\n"
                           "|No symbol at all|N||N|100|N|\n"
                           "ODD#|An odd symbol|N|ODD#|N|100|N|ODD#\n"
                           "KO|Coca-Cola Company (The) Common Stock|N|KO|N|100|N|KO\n"
                           "File Creation Time: 0721202521:31||||||\n";
  const SymbolDirectory directory = parse_symbol_directory(text, kOther);
  ASSERT_EQ(directory.listings.size(), 2u);
  EXPECT_EQ(directory.listings[1].symbol, "KO");
  EXPECT_EQ(directory.unusable_rows, 3u);
  ASSERT_EQ(directory.warnings.size(), 3u);
  EXPECT_THAT(directory.warnings[0], HasSubstr("line 3 left out (6 columns, the header has 8)"));
  EXPECT_THAT(directory.warnings[1], HasSubstr("line 4 left out (no symbol)"));
  EXPECT_THAT(directory.warnings[2], HasSubstr("symbol 'ODD#' has no usable Yahoo spelling"));
}

TEST(SymbolDirectoryParser, RowsAfterTheFooterAreNotData) {
  const std::string text = kNasdaqHeader + "\n" + "AAPL|Apple Inc. - Common Stock|Q|N|N|100|N|N\n" +
                           "File Creation Time: 0721202521:31|||||||\n" +
                           "MSFT|Microsoft Corporation - Common Stock|Q|N|N|100|N|N\n";
  const SymbolDirectory directory = parse_symbol_directory(text, kNasdaq);
  ASSERT_EQ(directory.listings.size(), 1u);
  ASSERT_EQ(directory.warnings.size(), 1u);
  EXPECT_THAT(directory.warnings[0], HasSubstr("1 rows after the footer were ignored"));
}

}  // namespace
}  // namespace pricefeed::yahoo
