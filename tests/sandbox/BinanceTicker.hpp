// What Binance's tickers say about a pair at an instant, shared by the REST tickers
// (/api/v3/ticker/24hr, /api/v3/ticker/price) and the <symbol>@miniTicker stream, so that a stream
// frame and a REST answer at the same instant carry the same prices.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tests/sandbox/BinanceListings.hpp"
#include "tests/sandbox/Instruments.hpp"

namespace pricefeed::sandbox {

class Sandbox;

// A pair Binance lists at an instant, with the model's instrument behind it.
struct BinancePair {
  const BinanceListing* listing = nullptr;
  Instrument instrument;
};

// The pair when Binance lists it at `now`: known, and its instrument's first trade day has come.
std::optional<BinancePair> listed_pair(const Sandbox& sb, const BinanceListings& listings,
                                       std::string_view pair, sys_seconds now);

// When a pair's prices stand: now, or the end of its last trading day once it has stopped.
sys_seconds prices_as_of(const BinancePair& pair, sys_seconds now);

// The last price (the current minute's close of the model, Binance's data scenarios applied).
double last_price(const Sandbox& sb, const BinancePair& pair, sys_seconds now);

// The rolling 24 hours before prices_as_of(now), from the model's one-minute path: what ticker/24hr
// and miniTicker report. Volumes: `volume` in the base asset, `quote_volume` in the quote asset.
struct RollingDay {
  sys_seconds open_time{}, close_time{};
  double open = 0, high = 0, low = 0, last = 0;
  double volume = 0, quote_volume = 0;
};
RollingDay rolling_day(const Sandbox& sb, const BinancePair& pair, sys_seconds now);

// Binance prints every price and quantity with 8 decimals; the value itself has `decimals` places.
std::string binance_decimal(double value, int decimals);
// Lot sizes: about a cent of the quote asset per step (BTC 0.00001, ETH 0.0001, a 0.50 coin 1).
int quantity_decimals(double price);

}  // namespace pricefeed::sandbox
