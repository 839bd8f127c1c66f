#pragma once

// Latest prices from GET /api/v3/ticker/price, many pairs in one call (symbols=["BTCUSDT",...], weight
// 4 whatever their number; symbol=BTCUSDT, weight 2, for one).
//
// Binance refuses the whole call with -1121 when one symbol of the list is unknown, so the pairs are
// first checked against the cached exchangeInfo: a pair Binance does not list, or lists but does not
// trade (BREAK, HALT: its last price is stale), is not asked for and gets no quote (logged). If Binance
// still answers -1121 (a pair was delisted since exchangeInfo was cached), exchangeInfo is fetched
// afresh and the call repeated with the pairs still listed. Should the fresh exchangeInfo still list
// them all, or the repeated call fail too, the list is split in halves until the refused pairs are
// isolated, so every other pair still gets its quote.
//
// The quote is the last trade price, in the pair's quote asset (USDT for BTCUSDT), stamped with the
// host's clock at the answer. Open, high, low, volume and previous close stay absent: Binance's ticker
// statistics cover a rolling 24-hour window, not a session, and taking them for the day's would put
// wrong values into today's daily bar.

#include <string>
#include <vector>

#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>

#include "binance/BinanceClient.hpp"
#include "binance/BinanceExchangeInfoStore.hpp"
#include "binance/BinanceSourceConfig.hpp"
#include "binance/BinanceTickerPriceParser.hpp"

namespace pricefeed::binance {

class BinanceQuoteFetch {
 public:
  BinanceQuoteFetch(const BinanceSourceConfig& config, const BinanceClient& client,
                    const BinanceExchangeInfoStore& exchange_info)
      : config_(config), client_(client), exchange_info_(exchange_info) {}

  void run(const Host& host, const QuoteRequest& request, QuoteSink& sink) const;

  // More than Binance documents no limit for; it keeps the URL under 3 KB.
  static constexpr std::size_t kMaxPairsPerCall = 100;

 private:
  // The prices of `pairs` (all listed when last checked). `may_refresh`: a -1121 may still be a stale
  // exchangeInfo, worth one fresh look before splitting the list.
  std::vector<BinanceTickerPrice> prices(const Host& host, std::vector<std::string> pairs, bool may_refresh,
                                         std::uint32_t weight_limit) const;

  const BinanceSourceConfig& config_;
  const BinanceClient& client_;
  const BinanceExchangeInfoStore& exchange_info_;
};

}  // namespace pricefeed::binance
