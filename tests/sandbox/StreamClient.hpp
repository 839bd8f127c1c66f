// A real WebSocket client (Beast) for the stream tests: connects to the sandbox's /stream, reads every
// message on a thread of its own into a queue, and says how the connection ended (a close frame and
// its code, or the TCP connection dropped without one).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <nlohmann/json.hpp>

namespace pricefeed::sandbox::testing {

class StreamClient {
 public:
  using Timeout = std::chrono::milliseconds;

  // Connects and completes the handshake (throws when the server refuses it).
  explicit StreamClient(unsigned short port, const std::string& target = "/stream");
  ~StreamClient();
  StreamClient(const StreamClient&) = delete;
  StreamClient& operator=(const StreamClient&) = delete;

  void send(const std::string& text);
  void ping();
  // {"method":method,"params":params,"id":id}, then the answer with that id (frames in between stay
  // queued); throws when none comes within the timeout.
  nlohmann::json request(const std::string& method, const nlohmann::json& params, std::int64_t id,
                         Timeout timeout = Timeout{3000});

  // The next message, nullopt when none comes within the timeout or the connection has ended.
  std::optional<std::string> next(Timeout timeout);
  // Discards what has been received so far.
  void clear();

  struct Ending {
    bool close_frame = false;  // the server sent a close frame (else the TCP connection just ended)
    std::uint16_t code = 0;
    std::string reason;
    std::string error;  // what the read failed with
  };
  // How the connection ended; nullopt if it is still open after the timeout.
  std::optional<Ending> ended(Timeout timeout);
  int pings_received() const { return pings_.load(); }
  int pongs_received() const { return pongs_.load(); }

 private:
  void read_next();

  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> messages_;
  std::optional<Ending> ending_;
  std::atomic<int> pings_{0};
  std::atomic<int> pongs_{0};
};

}  // namespace pricefeed::sandbox::testing
