#pragma once

// The plugin's half of a Binance stream (ABI 1.1, sdk.h "Streams"): the host owns the WebSocket
// connections; this words what is sent on them and reads what arrives.
//
//   subscribe(OPEN)    connect_to("{stream_url}/stream"), Binance's combined stream, then one
//                      SUBSCRIBE for the pairs' mini tickers (BinanceStreamSubscription); each
//                      symbol's frame_name is its pair, the name its frames carry (BTCUSDT for BTC)
//   subscribe(ADD)     the same without connect_to; subscribe(REMOVE): one UNSUBSCRIBE
//   frame()            a mini ticker -> one quote; an acknowledgement -> nothing; a refusal ->
//                      PERMANENT with Binance's code and msg; serverShutdown -> resubscribe
//
// Why miniTicker: it carries the last price ("c") and the event time, once a second per pair at
// most, whatever the trading volume; trade streams would send every trade (hundreds a second on
// BTCUSDT) only for the host to throttle them away, and kline_1m's values are a minute's, not a
// day's. Its open/high/low/volume cover a rolling 24 hours, not the UTC day, so, as for the REST
// quotes, only the price is taken.
//
// The quote's symbol is the pair (BTCUSDT), which the host matches through the frame names given at
// subscription; its currency is the pair's quote asset when known: from the cached exchangeInfo, read
// when the pair is subscribed (no request is made for it on the stream's thread), else when the pair
// ends with quote_asset, else empty (latest_prices keeps the currency it had).
//
// THREADS: the host makes one stream call at a time on an instance (sdk.h), so the quote assets
// remembered here need no lock; nothing here is touched by the fetch functions.

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>

#include "binance/BinanceExchangeInfoStore.hpp"
#include "binance/BinanceSourceConfig.hpp"

namespace pricefeed::binance {

class BinanceStream {
 public:
  // Binance's limits on one connection (web-socket-streams.md, "WebSocket Limits" and "General WSS
  // information"), which the host keeps: the descriptor states them.
  static constexpr std::uint32_t kMaxStreamsPerConnection = 1024;
  static constexpr std::uint32_t kMaxMessagesPerSecond = 5;  // counting pings and pongs
  static constexpr std::int64_t kConnectionLifetimeSeconds = 24 * 3600;

  BinanceStream(const BinanceSourceConfig& config, const BinanceExchangeInfoStore& exchange_info)
      : config_(config), exchange_info_(exchange_info) {}

  void subscribe(const Host& host, const StreamRequest& request, StreamControl& out);
  // Throws Error::permanent for a frame that cannot be read or that refuses a request.
  void frame(std::string_view text, StreamSink& sink) const;

 private:
  void remember_quote_assets(const Host& host, const std::vector<std::string>& pairs);
  std::string currency_of(std::string_view pair) const;

  const BinanceSourceConfig& config_;
  const BinanceExchangeInfoStore& exchange_info_;
  std::map<std::string, std::string, std::less<>> quote_asset_of_pair_;
};

}  // namespace pricefeed::binance
