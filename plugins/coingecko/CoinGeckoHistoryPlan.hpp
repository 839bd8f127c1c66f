#pragma once

// Turns one asked range of daily bars into at most one /coins/{id}/market_chart/range request.
//
// The bar of date D comes from the point at 00:00 UTC of D+1 (CoinGeckoDailyCloses), so the bars
// whose ts is in [start, end) need the points from (first date + 1 day) to ceil_day(end), and only
// those up to now exist. Two of CoinGecko's rules shape the request:
//   - Granularity follows the range's length: only a range over 90 days is answered with daily
//     points, so a shorter one is widened backwards to 91 days (or forwards when the served window
//     stops it), and interval=daily is asked for as well. The extra points cost nothing: one request
//     either way, and the bars outside [start, end) are dropped.
//   - The public and demo API serve only the past 365 days (error 10012 beyond). With
//     history_limit_days = N > 0 the window is taken one day short of N, measured from the host's
//     clock (CoinGecko checks with its own when the request arrives, which may be minutes later if
//     the rate limiter holds it); the part of the asked range before it is reported unavailable
//     instead of asked for.

#include <cstdint>
#include <optional>
#include <string>

namespace pricefeed::coingecko {

struct CoinGeckoRangeRequest {
  std::int64_t from = 0;  // the from= and to= sent, unix seconds
  std::int64_t to = 0;
};

struct CoinGeckoUnavailable {
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::string reason;
};

struct CoinGeckoHistoryPlan {
  std::optional<CoinGeckoUnavailable> unavailable;  // the oldest part, past the served window
  std::optional<CoinGeckoRangeRequest> request;     // none when nothing servable is left
  std::int64_t first_bar = 0;  // bars with ts in [first_bar, end) are what the request is for
  std::int64_t end = 0;
};

// [start, end) as asked (unix seconds), now the host's clock, history_limit_days as configured.
CoinGeckoHistoryPlan plan_history(std::int64_t start, std::int64_t end, std::int64_t now,
                                  std::int64_t history_limit_days);

}  // namespace pricefeed::coingecko
