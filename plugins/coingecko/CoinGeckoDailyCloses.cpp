#include "coingecko/CoinGeckoDailyCloses.hpp"

#include <cmath>
#include <cstdint>
#include <map>

namespace pricefeed::coingecko {

namespace {

constexpr std::int64_t kDayMs = 86400 * 1000LL;

bool at_utc_midnight(std::int64_t ms) {
  return ms % kDayMs == 0;  // also right for instants before 1970: -86400000 % kDayMs == 0
}

}  // namespace

CoinGeckoDailyCloses daily_closes(const CoinGeckoMarketChart& chart) {
  CoinGeckoDailyCloses out;
  std::map<std::int64_t, double> volume_at;
  for (const CoinGeckoPoint& v : chart.total_volumes) {
    if (at_utc_midnight(v.ms)) volume_at[v.ms] = v.value;
  }
  // Keyed by date, so that a repeated point (never seen, but cheap to tolerate) keeps the later one.
  std::map<std::int64_t, Bar> by_date;
  for (std::size_t i = 0; i < chart.prices.size(); ++i) {
    const CoinGeckoPoint& p = chart.prices[i];
    if (!at_utc_midnight(p.ms)) {
      if (i + 1 == chart.prices.size()) {
        out.trailing_point_dropped = true;
      } else {
        ++out.intraday_points;
      }
      continue;
    }
    if (std::isnan(p.value)) continue;
    Bar bar;
    bar.ts = (p.ms - kDayMs) / 1000;  // the day that ended at this instant
    bar.close = p.value;
    if (const auto v = volume_at.find(p.ms); v != volume_at.end()) bar.volume = v->second;
    by_date[bar.ts] = bar;
  }
  out.bars.reserve(by_date.size());
  for (const auto& [ts, bar] : by_date)
    out.bars.push_back(bar);
  return out;
}

}  // namespace pricefeed::coingecko
