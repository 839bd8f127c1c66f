#pragma once

// Requests to Binance's REST API through the host's HTTP service. Each call states its request
// weight as the request's cost (the host's limiter paces the source in Binance's units), is checked
// against the minute's budget first, and feeds the X-MBX-USED-WEIGHT-1M header of its answer back
// into that budget. Any HTTP answer comes back for the caller to judge; 429/418 and network failures
// throw from the host, already explained.

#include <cstdint>
#include <string>
#include <vector>

#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>

#include "binance/BinanceAnswer.hpp"
#include "binance/BinanceSourceConfig.hpp"
#include "binance/BinanceWeightBudget.hpp"

namespace pricefeed::binance {

// Binance's interval for a resolution: 1d, 1h, 1m.
const char* binance_interval(Resolution resolution);
std::int64_t interval_ms(Resolution resolution);

class BinanceClient {
 public:
  BinanceClient(const BinanceSourceConfig& config, BinanceWeightBudget& budget)
      : config_(config), budget_(budget) {}

  // {base_url}/api/v3/klines?symbol=..&interval=..&startTime=..&endTime=..&limit=1000 (times in ms,
  // both inclusive on the open time).
  std::string klines_url(const std::string& pair, Resolution resolution, std::int64_t start_ms,
                         std::int64_t end_ms) const;
  // {base_url}/api/v3/ticker/price?symbol=BTCUSDT for one pair, ?symbols=["BTCUSDT","ETHUSDT"]
  // (escaped) for several.
  std::string ticker_price_url(const std::vector<std::string>& pairs) const;
  std::string exchange_info_url() const;

  // Spends `weight` of the minute's budget (rate_limited when it is gone), then sends the GET.
  BinanceAnswer get(const Host& host, const std::string& url, std::uint32_t weight,
                    std::uint32_t weight_limit) const;

  BinanceWeightBudget& budget() const { return budget_; }

  static constexpr std::size_t kKlinesPerRequest = 1000;  // Binance's maximum

 private:
  const BinanceSourceConfig& config_;
  BinanceWeightBudget& budget_;
};

}  // namespace pricefeed::binance
