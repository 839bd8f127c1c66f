// The state of the sandbox's Binance WebSocket stream (/stream, BinanceStreamSession.hpp serves one
// connection): its settings (frame rate, pings, lifetime, Binance's limits), its counters, the open
// connections (for the control API's view and for faults aimed at one symbol's connection), and the
// rendered <symbol>@miniTicker frames, shared by every connection and re-rendered when the price can
// have changed (a new minute of the model, or a data scenario added or removed).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/sandbox/BinanceListings.hpp"
#include "tests/sandbox/BinanceStreamMessages.hpp"

namespace pricefeed::sandbox {

class Sandbox;
class BinanceStreamSession;

// Binance's documented limits and timings (docs/sandbox.md cites them), and the frame rate.
struct StreamSettings {
  double frames_per_second = 1.0;  // per subscribed symbol; Binance's miniTicker: 1000 ms
  std::int64_t ping_interval_ms = 20'000;
  std::int64_t pong_timeout_ms = 60'000;    // no pong for this long after a ping: disconnected
  std::int64_t lifetime_ms = 86'400'000;    // a connection is closed at 24 hours
  std::size_t max_streams = 1024;           // per connection
  std::size_t max_messages_per_second = 5;  // incoming: text, ping and pong frames

  nlohmann::json to_json() const;
  // Changes the fields `j` names (the others stay); throws std::invalid_argument naming a bad one.
  void update(const nlohmann::json& j);
};

// A fault on demand, for the connections it targets (all, or those subscribed to one symbol).
struct StreamFault {
  enum class Kind {
    drop,       // the TCP connection closes without a close frame
    stall,      // no frames, no answers, no pongs for `duration`
    malformed,  // one frame that does not parse
    shutdown,   // Binance's serverShutdown notice, then a close (1001 going away) after `duration`
  };
  Kind kind = Kind::drop;
  std::optional<std::string> symbol;  // "BTCUSDT": only connections subscribed to its miniTicker
  std::chrono::milliseconds duration{0};

  static StreamFault from_json(const nlohmann::json& j);  // throws std::invalid_argument
  static std::string_view name(Kind kind);
};

class BinanceStreamHub {
 public:
  explicit BinanceStreamHub(Sandbox& sandbox);

  Sandbox& sandbox() { return sandbox_; }
  StreamSettings settings() const;
  void update_settings(const nlohmann::json& changes);  // throws std::invalid_argument

  // The frames of the subscribed miniTicker pairs Binance lists and trades, in the order asked; the
  // others are skipped (Binance sends them nothing).
  std::vector<std::shared_ptr<const MiniTickerFrame>> frames(const std::vector<std::string>& pairs);

  // Connections register while open.
  std::uint64_t opened(const std::shared_ptr<BinanceStreamSession>& session);
  void closed(std::uint64_t id);
  // Hands the fault to the connections it targets; their ids.
  std::vector<std::uint64_t> inject(const StreamFault& fault);

  struct Counters {
    std::atomic<std::uint64_t> accepted{0};
    std::atomic<std::uint64_t> messages_received{0};  // text, ping and pong frames from clients
    std::atomic<std::uint64_t> frames_sent{0};        // miniTicker frames
    std::atomic<std::uint64_t> message_rate_violations{0};
    std::atomic<std::uint64_t> stream_limit_violations{0};
    std::atomic<std::uint64_t> pong_timeouts{0};
    std::atomic<std::uint64_t> lifetime_closes{0};
  };
  Counters& counters() { return counters_; }

  // {"settings":{...},"counters":{"connections_open":1,...},"connections":[{"id":1,...}]}
  nlohmann::json to_json() const;
  // POST /__sandbox/reset: counters back to zero (the open connections stay).
  void reset_counters();

 private:
  struct Rendered {
    std::int64_t minute = 0;
    std::uint64_t generation = 0;
    std::shared_ptr<const MiniTickerFrame> frame;  // null: the pair is not listed at that minute
  };
  std::shared_ptr<const MiniTickerFrame> render(const std::string& pair, sys_seconds now) const;

  Sandbox& sandbox_;
  const BinanceListings listings_;
  mutable std::mutex mutex_;
  StreamSettings settings_;
  std::map<std::string, Rendered, std::less<>> rendered_;
  std::map<std::uint64_t, std::weak_ptr<BinanceStreamSession>> sessions_;
  std::uint64_t next_id_ = 1;
  std::map<std::string, std::uint64_t, std::less<>> faults_applied_;
  Counters counters_;
};

}  // namespace pricefeed::sandbox
