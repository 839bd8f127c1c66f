#include "coingecko/CoinGeckoHistoryPlan.hpp"

#include <algorithm>

namespace pricefeed::coingecko {

namespace {

constexpr std::int64_t kDay = 86400;
// "Above 90 days from any time = daily data (00:00 UTC)".
constexpr std::int64_t kDailySpan = 91 * kDay;
// A daily point stamped at midnight exactly must not fall on the edge of `to`, whichever way
// CoinGecko reads the bound.
constexpr std::int64_t kEdgeMargin = 3600;

std::int64_t floor_day(std::int64_t t) {
  return t - (((t % kDay) + kDay) % kDay);
}
std::int64_t ceil_day(std::int64_t t) {
  const std::int64_t f = floor_day(t);
  return f == t ? t : f + kDay;
}

}  // namespace

CoinGeckoHistoryPlan plan_history(std::int64_t start, std::int64_t end, std::int64_t now,
                                  std::int64_t history_limit_days) {
  CoinGeckoHistoryPlan plan;
  plan.first_bar = ceil_day(start);
  plan.end = end;
  if (plan.first_bar >= end) return plan;

  // The first point CoinGecko will serve, and so the first bar (the day before it).
  std::optional<std::int64_t> served_from;
  if (history_limit_days > 0) {
    served_from = ceil_day(now - (history_limit_days - 1) * kDay);
    const std::int64_t first_served_bar = *served_from - kDay;
    if (plan.first_bar < first_served_bar) {
      const std::int64_t gap_end = std::min(end, first_served_bar);
      plan.unavailable = CoinGeckoUnavailable{
          start, gap_end,
          "CoinGecko's public and demo API serve daily history only for the past " +
              std::to_string(history_limit_days) +
              " days (error 10012 beyond); a paid plan lifts the limit (api_plan = \"pro\", "
              "history_limit_days = 0)"};
      plan.first_bar = gap_end;
      if (plan.first_bar >= end) return plan;
    }
  }

  const std::int64_t first_point = plan.first_bar + kDay;
  const std::int64_t last_point = std::min(ceil_day(end), now);
  if (first_point > last_point) return plan;  // every asked day is still in progress or to come

  CoinGeckoRangeRequest request;
  request.to = last_point < now ? std::min(last_point + kEdgeMargin, now) : now;
  request.from = std::min(first_point, request.to - kDailySpan);
  if (served_from && request.from < *served_from) {
    request.from = *served_from;
    request.to = std::max(request.to, std::min(request.from + kDailySpan, now));
  }
  // Margin before the first point too: CoinGecko's from= is inclusive, but a bound on the exact
  // millisecond of a point is not worth trusting.
  if (request.from == first_point && (!served_from || request.from - kEdgeMargin >= *served_from)) {
    request.from -= kEdgeMargin;
  }
  plan.request = request;
  return plan;
}

}  // namespace pricefeed::coingecko
