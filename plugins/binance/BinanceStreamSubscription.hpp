#pragma once

// What the plugin sends on a combined-stream connection (binance-spot-api-docs web-socket-streams.md,
// "Live Subscribing/Unsubscribing to streams"): one request naming every stream it adds or drops,
//
//   {"method":"SUBSCRIBE","params":["btcusdt@miniTicker","ethusdt@miniTicker"],"id":7}
//
// answered {"result":null,"id":7}. Each pair's stream is its mini ticker, named in lower case.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::binance {

// "btcusdt@miniTicker" for BTCUSDT (a pair already checked with is_binance_pair).
std::string binance_mini_ticker_stream(std::string_view pair);

// method is "SUBSCRIBE" or "UNSUBSCRIBE"; id is the host's message id for the request.
std::string binance_stream_request(std::string_view method, const std::vector<std::string>& pairs,
                                   std::uint64_t id);

}  // namespace pricefeed::binance
