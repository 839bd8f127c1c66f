// The pairs the sandbox's Binance lists: every coin of the coin universe that Binance lists, against
// USDT (BTCUSDT is the model's instrument BTC-USDT), plus a few pairs in other quote assets (ETHBTC,
// BTCEUR, ...) and a pair whose trading has stopped (LUNAUSDT, status BREAK), so that clients have
// something to filter. `extra_pairs` more made-up USDT pairs (SDX1USDT, SDX2USDT, ...) follow, listed
// by Binance alone, for a benchmark that streams more pairs than the coin universe has. A pair's klines begin
// at its instrument's first trade date (its listing) and, for a stopped pair, end on its last trading day.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/sandbox/Calendar.hpp"

namespace pricefeed::sandbox {

struct BinanceListing {
  std::string pair;        // BTCUSDT
  std::string base;        // BTC
  std::string quote;       // USDT
  std::string instrument;  // BTC-USDT: the PriceModel instrument (Instruments::find)
  std::string status = "TRADING";
  std::optional<sys_days> last_trading_day;  // set for a pair that stopped trading (BREAK)
  bool margin = false;                       // the top coins also trade on margin

  bool trading() const { return status == "TRADING"; }
};

class BinanceListings {
 public:
  explicit BinanceListings(std::size_t extra_pairs = 0);

  // In exchangeInfo's order: the oldest pairs (BTC-quoted) first, then USDT pairs by market cap.
  const std::vector<BinanceListing>& all() const { return listings_; }
  // Exact, as Binance's symbols are (btcusdt is not BTCUSDT); nullptr when not listed.
  const BinanceListing* find(std::string_view pair) const;

 private:
  std::vector<BinanceListing> listings_;
};

}  // namespace pricefeed::sandbox
