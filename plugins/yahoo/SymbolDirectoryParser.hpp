#pragma once

// NASDAQ Trader's symbol directory: every US exchange listing, in two pipe-delimited files.
//
//   nasdaqlisted.txt  Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot
//   Size|ETF|NextShares otherlisted.txt   ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot
//   Size|Test Issue|NASDAQ Symbol
//
// Each ends with a footer row "File Creation Time: MMDDYYYYHH:MM" followed by empty columns
// (nasdaqtrader.com/trader.aspx?id=symboldirdefs). Columns are found by their names, so a reordered
// or extended header still reads; a header without a column the catalog needs is a clear error, as is
// a file without its footer (a download cut short would otherwise look like thousands of delistings).
// Test issues (Test Issue = Y) and NextShares funds are left out; ETFs are kept.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::yahoo {

enum class SymbolDirectoryFile { nasdaq_listed, other_listed };

// "nasdaqlisted.txt" or "otherlisted.txt".
const char* symbol_directory_file_name(SymbolDirectoryFile file);

struct DirectoryListing {
  std::string
      symbol;  // as the file writes it: nasdaqlisted's Symbol, otherlisted's ACT Symbol (BRK.B, ABR$D)
  std::string ticker;    // Yahoo's spelling (BRK-B, ABR-PD): the catalog's symbol and source id
  std::string name;      // Security Name, surrounding spaces removed
  std::string exchange;  // NASDAQ, NYSE, NYSE American, NYSE Arca, Cboe BZX, IEX, NYSE Texas
  bool etf = false;
};

struct SymbolDirectory {
  std::vector<DirectoryListing> listings;  // in the file's order
  std::string created;                     // the footer's MMDDYYYYHH:MM (New York time)
  std::size_t test_issues = 0;             // rows left out, by reason
  std::size_t next_shares = 0;
  std::size_t unusable_rows = 0;  // a wrong number of columns, an empty or unusable symbol
  // What a reader of the logs should know: the unusable rows (a few quoted), unknown exchange codes.
  std::vector<std::string> warnings;
};

// Throws pricefeed::Error: transient for an HTML page (a broken download or a maintenance page
// served with 200) and for a file without its footer (cut short); permanent for a header that lacks
// a needed column, naming it and quoting the header.
SymbolDirectory parse_symbol_directory(std::string_view text, SymbolDirectoryFile file);

}  // namespace pricefeed::yahoo
