#include "tests/sandbox/BinanceTicker.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

using namespace std::chrono;

std::optional<BinancePair> listed_pair(const Sandbox& sb, const BinanceListings& listings,
                                       std::string_view pair, sys_seconds now) {
  const BinanceListing* l = listings.find(pair);
  if (l == nullptr) return std::nullopt;
  auto in = sb.instrument(l->instrument);
  if (!in || in->first_trade_day > floor<days>(now)) return std::nullopt;
  return BinancePair{l, std::move(*in)};
}

sys_seconds prices_as_of(const BinancePair& pair, sys_seconds now) {
  if (!pair.listing->last_trading_day) return now;
  return std::min(now, sys_seconds{*pair.listing->last_trading_day + days{1}} - seconds{1});
}

double last_price(const Sandbox& sb, const BinancePair& pair, sys_seconds now) {
  const sys_seconds at = prices_as_of(pair, now);
  const auto bar = sb.model().daily_bar(pair.instrument, floor<days>(at), at);
  if (!bar) return pair.instrument.anchor_price;
  return sb.scenarios().price("binance", pair.instrument, bar->day, bar->close);
}

RollingDay rolling_day(const Sandbox& sb, const BinancePair& pair, sys_seconds now) {
  RollingDay out;
  out.close_time = prices_as_of(pair, now);
  out.open_time = out.close_time - hours{24};
  auto minutes = sb.model().intraday_bars(pair.instrument, 1, floor<days>(out.open_time),
                                          floor<days>(out.close_time), out.close_time);
  sb.scenarios().apply("binance", pair.instrument, minutes);
  bool any = false;
  for (const Bar& m : minutes) {
    if (m.ts < out.open_time || m.ts > out.close_time) continue;
    if (!any) {
      out.open = m.open;
      out.high = m.high;
      out.low = m.low;
      any = true;
    }
    out.high = std::max(out.high, m.high);
    out.low = std::min(out.low, m.low);
    out.last = m.close;
    out.quote_volume += static_cast<double>(m.volume);
    out.volume += static_cast<double>(m.volume) / ((m.open + m.high + m.low + m.close) / 4);
  }
  if (!any) out.open = out.high = out.low = out.last = last_price(sb, pair, now);
  return out;
}

std::string binance_decimal(double value, int decimals) {
  decimals = std::clamp(decimals, 0, 8);
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string out = text;
  if (decimals == 0) out += '.';
  out.append(static_cast<std::size_t>(8 - decimals), '0');
  return out;
}

int quantity_decimals(double price) {
  return std::clamp(static_cast<int>(std::floor(std::log10(std::max(price, 1e-9)))) + 1, 0, 8);
}

}  // namespace pricefeed::sandbox
