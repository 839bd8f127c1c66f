#pragma once

// Daily bars from a daily CoinGecko series.
//
// CoinGecko's daily point stamped 00:00 UTC of date D is a snapshot of the price at that instant:
// the last price of date D-1, i.e. D-1's close in the UTC-day convention that Binance's 1d klines and
// Yahoo's crypto bars use; its total_volumes value is the 24 hours up to that instant, i.e. D-1's
// volume. So the point at 00:00 UTC of D becomes the bar of D-1 (ts = 00:00 UTC of D-1) with
// close = price and volume = total volume; open, high, low and adj_close are absent (NaN): CoinGecko
// gives one price a day. Keyed this way, a coin's series is the same whichever crypto source served
// it, and a day's bar exists only once the day is over.
//
// Points not at 00:00 UTC are not daily closes: the series' trailing "now" point (today so far) is
// dropped by design; any other one means CoinGecko answered at a finer granularity than asked and is
// counted, so the caller can say so. A null price gives no bar; a null volume an absent volume.

#include <cstddef>
#include <vector>

#include <pricefeed/records.hpp>

#include "coingecko/CoinGeckoMarketChart.hpp"

namespace pricefeed::coingecko {

struct CoinGeckoDailyCloses {
  std::vector<Bar> bars;                // ascending ts, one bar per date
  std::size_t intraday_points = 0;      // points not at 00:00 UTC besides the trailing one
  bool trailing_point_dropped = false;  // the series ended with a point not at 00:00 UTC
};

CoinGeckoDailyCloses daily_closes(const CoinGeckoMarketChart& chart);

}  // namespace pricefeed::coingecko
