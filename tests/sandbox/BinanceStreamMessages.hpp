// The messages of Binance's WebSocket market streams (binance-spot-api-docs web-socket-streams.md),
// combined-stream flavour: the client's SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS requests, the
// server's answers and errors, <symbol>@miniTicker frames and the serverShutdown notice. Frames are
// rendered once per price change with only the event time left to fill in, so the send path writes
// three strings per frame and runs no JSON library (tests/fixtures/binance/stream holds the shapes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/sandbox/BinanceTicker.hpp"

namespace pricefeed::sandbox {

struct StreamRequest {
  enum class Method { subscribe, unsubscribe, list_subscriptions };
  Method method = Method::subscribe;
  std::string method_name;          // as sent: "SUBSCRIBE"
  std::vector<std::string> params;  // stream names, as sent
  nlohmann::json id;                // a 64-bit integer, a string of up to 36 letters and digits, or null
};

// A client's message: the request, or (when Binance would refuse it) the error to answer with.
std::variant<StreamRequest, std::string> parse_stream_request(std::string_view text);

// {"result":null,"id":1}: a subscription change done.
std::string stream_result(const nlohmann::json& id);
// {"result":["btcusdt@miniTicker"],"id":3}: LIST_SUBSCRIPTIONS.
std::string stream_result(const std::vector<std::string>& streams, const nlohmann::json& id);
// {"error":{"code":2,"msg":"Invalid request: invalid stream"},"id":1}
std::string stream_error(int code, std::string_view msg, const nlohmann::json& id);

// Whether Binance takes a stream name: a lower-case symbol, '@', then the stream type
// ("btcusdt@miniTicker", "btcusdt@kline_1m"). A symbol Binance does not list is taken too (and never
// sent anything), as Binance does.
bool well_formed_stream(std::string_view stream);
// "btcusdt@miniTicker" -> "BTCUSDT"; nullopt for any other stream.
std::optional<std::string> mini_ticker_pair(std::string_view stream);
// "BTCUSDT" or "btcusdt" or "btcusdt@miniTicker" -> "btcusdt@miniTicker".
std::string mini_ticker_stream(std::string_view symbol_or_stream);

// {"stream":"btcusdt@miniTicker","data":{"e":"24hrMiniTicker","E":<ms>,"s":"BTCUSDT","c":"...",...}}
// rendered around its event time.
struct MiniTickerFrame {
  std::string head;  // up to "E":
  std::string tail;  // after the event time

  void append_to(std::string& out, std::int64_t event_ms) const;
  std::string text(std::int64_t event_ms) const;
};
MiniTickerFrame mini_ticker_frame(const BinancePair& pair, const RollingDay& day);

// {"stream":"!serverShutdown","data":{"e":"serverShutdown","E":<ms>}}
std::string server_shutdown_frame(std::int64_t event_ms);

}  // namespace pricefeed::sandbox
