// One connection to the sandbox's Binance stream (wss://stream.binance.com:9443/stream at Binance):
// the WebSocket handshake, the client's SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS, miniTicker frames
// for the subscribed symbols at the hub's rate, pings, Binance's limits (1024 streams, 5 incoming
// messages per second), the connection's lifetime, and the faults the control API aims at it.
//
// Two coroutines on the connection's strand: the reader parses client frames and queues the answers;
// the writer alone writes, waking on one timer for the next frames, ping, close or queued answer, and
// puts everything due into one write.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>

#include "tests/sandbox/BinanceStreamHub.hpp"
#include "tests/sandbox/WebSocketFraming.hpp"

namespace pricefeed::sandbox {

// Serves a connection whose request asked to upgrade to a WebSocket on /stream; `buffer` holds what
// the client sent after that request. Returns when the connection is closed.
boost::asio::awaitable<void> serve_binance_stream(
    BinanceStreamHub& hub, boost::beast::tcp_stream stream, boost::beast::flat_buffer buffer,
    boost::beast::http::request<boost::beast::http::string_body> upgrade, std::string peer);

class BinanceStreamSession : public std::enable_shared_from_this<BinanceStreamSession> {
 public:
  using Clock = std::chrono::steady_clock;

  BinanceStreamSession(BinanceStreamHub& hub, boost::asio::ip::tcp::socket socket, std::string peer,
                       std::string user_agent);

  // Thread-safe: the fault is handed to the connection's strand.
  void inject(const StreamFault& fault);
  // Thread-safe.
  bool subscribed(const std::string& stream) const;
  nlohmann::json to_json() const;  // {"id":1,"peer":"127.0.0.1:5000","age_ms":1200,"subscriptions":2,...}

  // `target` is the upgrade request's ("/stream?streams=..."), `initial_streams` what it subscribes to,
  // `leftover` the bytes the client sent after it.
  boost::asio::awaitable<void> run(std::string target, std::vector<std::string> initial_streams,
                                   std::string leftover);

 private:
  boost::asio::awaitable<void> write_loop();
  void handle(websocket::Message message);
  void handle_request(const std::string& text);
  bool over_message_rate();
  void queue(websocket::Opcode opcode, std::string_view payload);
  void close_with(std::uint16_t code, std::string_view reason);
  void drop();
  void wake();
  void log(const std::string& method, const std::string& target, const std::vector<std::string>& streams,
           unsigned status);
  void apply_due_faults(std::string& out, Clock::time_point now);
  void append_frames(std::string& out);
  std::vector<std::string> streams_copy() const;

  BinanceStreamHub& hub_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer timer_;
  const std::string peer_;
  const std::string user_agent_;
  std::uint64_t id_ = 0;
  const Clock::time_point opened_ = Clock::now();
  const std::int64_t opened_ms_;

  // Touched on the strand only.
  websocket::FrameReader reader_;
  std::string replies_;  // encoded frames waiting for the writer
  std::deque<StreamFault> faults_;
  std::deque<Clock::time_point> recent_messages_;  // for the incoming-message limit
  std::vector<std::string> pairs_;                 // BTCUSDT for each subscribed miniTicker stream
  Clock::time_point next_frames_{};
  Clock::time_point next_ping_{};
  std::optional<Clock::time_point> awaiting_pong_since_;
  Clock::time_point stalled_until_{};
  std::optional<Clock::time_point> close_at_;  // a shutdown notice's close
  bool close_sent_ = false;
  bool closed_ = false;

  mutable std::mutex streams_mutex_;  // the control API reads the subscriptions from other threads
  std::vector<std::string> streams_;  // subscribed stream names, in subscription order
};

}  // namespace pricefeed::sandbox
