// What the sandbox knows about a symbol: asset class, exchange, currency, session, names, the price
// model's parameters, corporate actions and data quirks.
//
// A symbol (Yahoo spelling, case-insensitive) is known when, upper-cased, it
//   * is 1 to 12 characters of A-Z 0-9 . - = ^, with '^' only first (an index: ^GSPC);
//   * ends in "=X" with a 3-letter (USD/XXX) or 6-letter (XXXYYY) root of known ISO currencies (forex),
//     or in "=F" with a 1-4 letter root (a front-month future), and has no other '=';
//   * has a '.' only before a known exchange suffix (.L .DE .PA .AS .MI .MC .SW .TO .T .HK .AX);
//     "BRK.B" is unknown, Yahoo spells it BRK-B;
//   * is "XXX-YYY" with YYY a fiat or crypto quote currency (crypto: BTC-USD, ETH-EUR); any other '-'
//     is a US class share or preferred (BRK-B, ABR-PD);
//   * is not on the delisted list (UNKNOWN, NOSUCH, DELISTED, INVALID, XXXX, plus --delisted).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tests/sandbox/Calendar.hpp"
#include "tests/sandbox/SymbolDirectory.hpp"

namespace pricefeed::sandbox {

enum class AssetKind { equity, etf, index, future, forex, crypto };

struct SplitEvent {
  sys_days day;
  int numerator = 1;
  int denominator = 1;
};

// Quarterly-style dividends: in the months of `months` (bit m for month m), on the first `weekday`
// (0 = Sunday) on or after day `from_day`, then the next trading day if that one is closed.
// Amount = base_amount * (1 + growth)^(raises since base_year), a raise happening each raise_month.
struct DividendRule {
  unsigned months = (1u << 2) | (1u << 5) | (1u << 8) | (1u << 11);
  unsigned weekday = 5;
  unsigned from_day = 5;
  double base_amount = 0.25;
  int base_year = 2020;
  unsigned raise_month = 5;
  double growth = 0.07;
  sys_days first_day{};  // none before
};

// An extra move of the log price on one day (to exercise anomaly checks).
struct Jump {
  sys_days day;
  double log_move = 0;
};

struct Instrument {
  std::string symbol;  // upper-case Yahoo symbol
  AssetKind kind = AssetKind::equity;
  std::string instrument_type;  // EQUITY, ETF, INDEX, FUTURE, CURRENCY, CRYPTOCURRENCY
  std::string type_disp;        // Equity, ETF, Index, Futures, Currency, Cryptocurrency
  std::string currency;
  std::string exchange_name, full_exchange_name;
  std::string long_name;  // empty for futures (Yahoo sends only shortName)
  std::string short_name;
  std::string market;  // us_market, gb_market, ccc_market, ccy_market, us24_market
  std::string quote_source_name;
  std::string from_currency, to_currency;  // forex and crypto
  Session session;
  // What Yahoo names as exchangeTimezoneName; forex says Europe/London but stamps its bars at 00:00 UTC.
  std::string exchange_timezone;
  bool has_pre_post = false;
  double anchor_price = 100;  // close on 2020-01-02, split-adjusted
  double sigma = 0.02;        // daily standard deviation of the log price
  int price_hint = 2;         // decimals
  sys_days first_trade_day{};
  double base_volume = 1e6;  // 0: no volume (forex)
  std::vector<SplitEvent> splits;
  std::optional<DividendRule> dividends;
  int null_one_in = 0;  // serve about one bar in N with null values (0: never)
  std::vector<Jump> jumps;
  std::uint64_t key = 0;  // hash of the symbol (with the seed mixed in by the model)
};

struct InstrumentConfig {
  std::set<std::string, std::less<>> delisted{"UNKNOWN", "NOSUCH", "DELISTED", "INVALID", "XXXX"};
  // Symbols served with null bars, and how often (one in N).
  std::map<std::string, int, std::less<>> quirky{{"NULLY", 5}, {"QRKY", 40}};
};

class Instruments {
 public:
  explicit Instruments(InstrumentConfig config = {}, const SymbolDirectory* directory = nullptr);

  // Case-insensitive; nullopt for an unknown symbol.
  std::optional<Instrument> find(std::string_view symbol) const;
  // The syntactic part of the rule above, on an upper-case symbol.
  static bool well_formed(std::string_view upper);

  InstrumentConfig& config() { return config_; }
  const InstrumentConfig& config() const { return config_; }

 private:
  std::optional<Instrument> find_unquirked(std::string_view symbol) const;
  InstrumentConfig config_;
  const SymbolDirectory* directory_;
};

std::string to_upper(std::string_view s);
// 2020-01-02: the day every instrument's anchor_price refers to.
constexpr sys_days kAnchorDay = sys_days{std::chrono::days{18263}};

}  // namespace pricefeed::sandbox
