// The NASDAQ Trader symbol directory (nasdaqlisted.txt and otherlisted.txt), generated deterministically.
//
// The real rows of tests/fixtures/nasdaqtrader are included unchanged; about 11,500 more listings are
// made up from a fixed seed (the same on every run): common stocks, class shares, ADSs, SPAC units,
// rights and warrants, preferreds, ETFs, deficient issuers, and the Nasdaq/NYSE test issues.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::sandbox {

struct Listing {
  bool nasdaq_listed = true;  // nasdaqlisted.txt; otherwise otherlisted.txt
  std::string symbol;         // nasdaqlisted "Symbol" / otherlisted "ACT Symbol"
  std::string name;           // "Security Name"
  // nasdaqlisted: Market Category (Q, G, S). otherlisted: Exchange (N, A, P, Z, V).
  char market = 'Q';
  bool test_issue = false;
  char financial_status = 'N';  // nasdaqlisted only
  int round_lot = 100;
  bool etf = false;
  std::string cqs_symbol;     // otherlisted only
  std::string nasdaq_symbol;  // otherlisted only
  std::string yahoo_symbol;   // how Yahoo spells it: BRK.B -> BRK-B, ABR$D -> ABR-PD
};

class SymbolDirectory {
 public:
  SymbolDirectory();  // builds the listings (~20 ms)

  const std::vector<Listing>& listings() const { return listings_; }
  const Listing* find_yahoo(std::string_view yahoo_symbol) const;

  // The files, in the real format: header, rows sorted by symbol, footer "File Creation Time: ...".
  std::string nasdaqlisted_txt(std::chrono::sys_seconds created) const;
  std::string otherlisted_txt(std::chrono::sys_seconds created) const;

  static std::string yahoo_symbol_for(const Listing& listing);
  static constexpr std::string_view kNasdaqHeader =
      "Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares";
  static constexpr std::string_view kOtherHeader =
      "ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol";

 private:
  std::vector<Listing> listings_;
  std::map<std::string, std::size_t, std::less<>> by_yahoo_;
};

// "MMDDYYYYHH:MM" in New York time, as in the footer.
std::string nasdaqtrader_creation_time(std::chrono::sys_seconds t);

}  // namespace pricefeed::sandbox
