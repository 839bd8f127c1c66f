#pragma once

// What one text frame of Binance's combined market stream says (binance-spot-api-docs
// web-socket-streams.md, "General WSS information", "Live Subscribing/Unsubscribing to streams",
// "Server Shutdown", "Individual Symbol Mini Ticker Stream"):
//
//   {"stream":"btcusdt@miniTicker","data":{"e":"24hrMiniTicker","E":1672515782136,"s":"BTCUSDT",
//    "c":"0.0025","o":"0.0010","h":"0.0025","l":"0.0010","v":"10000","q":"18"}}   a mini ticker
//   {"result":null,"id":1}                                        a request's acknowledgement
//   {"error":{"code":2,"msg":"Invalid request: ..."},"id":1}      a request refused, as Binance sends it
//   {"code":2,"msg":"Invalid request: ...","id":1}                the same, as the docs' table words it
//   {"stream":"!serverShutdown","data":{"e":"serverShutdown","E":1770123456789}}
//                                                                 the server is about to close
//
// The reading is strict (BinanceJsonScanner): anything else, a field missing or of another type, a
// price that is not a plain positive decimal, a symbol that is not a Binance pair or not the one its
// stream names, is a BinanceFormatError naming the JSON path. Members may come in any order; members
// not read are checked and passed over, so a field Binance adds does not break the stream.

#include <cstdint>
#include <string_view>

namespace pricefeed::binance {

struct BinanceStreamFrame {
  enum class Kind { mini_ticker, acknowledgement, refusal, server_shutdown };
  Kind kind = Kind::acknowledgement;

  // The views point into the frame: valid as long as it is.
  std::string_view pair;        // mini_ticker: data.s, upper case as Binance names it ("BTCUSDT")
  double close = 0;             // mini_ticker: data.c, the last price, > 0
  std::int64_t event_ms = 0;    // mini_ticker, server_shutdown: data.E, unix milliseconds, > 0
  std::int64_t code = 0;        // refusal
  std::string_view message;     // refusal: msg, JSON escapes as sent
  std::string_view request_id;  // acknowledgement, refusal: the id as written (1, "a1", null)
};

BinanceStreamFrame parse_binance_stream_frame(std::string_view frame);

}  // namespace pricefeed::binance
