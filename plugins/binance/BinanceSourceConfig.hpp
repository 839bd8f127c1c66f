#pragma once

// The keys of a binance instance's [sources.X] table that the plugin reads. The host reads plugin,
// base_url, requests_per_minute and burst; the plugin reads requests_per_minute too, only to warn when
// it promises more request weight than Binance grants. See docs/sources/binance.md.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <pricefeed/config.hpp>

namespace pricefeed::binance {

struct BinanceSourceConfig {
  std::string base_url;  // required: "https://api.binance.com" or the sandbox
  // Where stream connections go (ABI 1.1 streams): Binance's market-data WebSocket, or the sandbox.
  std::string stream_url = "wss://stream.binance.com:9443";
  std::string quote_asset = "USDT";  // pricefeed's BTC is the pair BTC + quote_asset
  // How long an exchangeInfo answer (pairs, statuses, the weight limit) is trusted before it is asked
  // again. Listings change a few times a week; a new one waits at most this long for quotes.
  std::chrono::minutes exchange_info_ttl{60};
  // The host's pace for this source, in request weight per minute (absent: the host's default).
  std::optional<std::int64_t> requests_per_minute;

  // Throws Error::invalid_config naming the key.
  static BinanceSourceConfig from(const Config& config);
};

}  // namespace pricefeed::binance
