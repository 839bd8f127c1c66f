#pragma once

// History from GET /api/v3/klines, paged: Binance gives at most 1000 klines per request, so a range is
// asked from its start, and each next request starts one millisecond after the last open time
// received, until a page comes back short or the range is covered.
//
//   - Only closed klines become bars: the last one of a range reaching "now" is still open (its close
//     time, the last millisecond of its interval, is in the future) and is dropped; the next fetch
//     stores it once it has closed.
//   - Daily klines open at 00:00 UTC (Binance's days are UTC), which is what a daily bar's ts is.
//   - The part of the range before the pair's first kline (before its listing) is reported with
//     sink.unavailable(), not as an error: the first page shows where Binance's data begins. A range
//     with no kline at all (before the listing, or after trading stopped) is reported whole.
//   - The part of the range after now is not asked for: those bars do not exist yet.
//   - Each page's bars are handed to the host before the next request; is_cancelled() is checked
//     before each request (a cancelled fetch is transient: the job is retried, not completed short).

#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>

#include "binance/BinanceClient.hpp"
#include "binance/BinanceExchangeInfoStore.hpp"
#include "binance/BinanceSourceConfig.hpp"

namespace pricefeed::binance {

class BinanceHistoryFetch {
 public:
  BinanceHistoryFetch(const BinanceSourceConfig& config, const BinanceClient& client,
                      const BinanceExchangeInfoStore& exchange_info)
      : config_(config), client_(client), exchange_info_(exchange_info) {}

  void run(const Host& host, const HistoryRequest& request, HistorySink& sink) const;

 private:
  const BinanceSourceConfig& config_;
  const BinanceClient& client_;
  const BinanceExchangeInfoStore& exchange_info_;
};

}  // namespace pricefeed::binance
