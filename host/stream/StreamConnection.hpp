// One WebSocket to a streaming upstream (ws:// or wss://), driven by the stream service's io_context
// on its one thread, so nothing here needs a lock. It connects, verifies TLS as the HTTP client does
// (host/http/TlsClientContext), answers pings (Beast does), pings a quiet peer and gives up on one that
// stays silent (a stall), and sends the plugin's messages no faster than the upstream allows. Every
// way it ends — a failed connect, the peer closing, a stall, close() — reports on_closed exactly once,
// with the reason.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "host/http/HttpClientUrl.hpp"

namespace pricefeed::host {

struct StreamConnectionSettings {
  std::chrono::milliseconds connect_timeout{10'000};  // resolve, TCP, TLS and the WebSocket handshake
  // Nothing received for half of it: a ping; for all of it: the connection is stalled and closed.
  std::chrono::milliseconds stall_timeout{30'000};
  std::uint32_t max_messages_per_second = 0;  // 0: no pacing
};

struct StreamConnectionEvents {
  std::function<void()> on_open;                             // the handshake is done
  std::function<void(std::string_view text)> on_frame;       // each text frame, in order
  std::function<void(const std::string& reason)> on_closed;  // once, last
};

// A ws:// or wss:// URL, read as the HTTP URL it upgrades from. nullopt with `problem` set otherwise.
std::optional<HttpUrl> parse_stream_url(std::string_view url, std::string& problem);

class StreamConnection : public std::enable_shared_from_this<StreamConnection> {
 public:
  static std::shared_ptr<StreamConnection> create(boost::asio::io_context& io, boost::asio::ssl::context& tls,
                                                  HttpUrl url, StreamConnectionSettings settings,
                                                  StreamConnectionEvents events);

  void start();
  // Queued; sent in order once open, paced to max_messages_per_second.
  void send(std::string text);
  // A close frame to the peer, then on_closed(reason). Nothing is delivered after it.
  void close(const std::string& reason);

  bool is_open() const noexcept { return open_; }

 private:
  using PlainSocket = boost::beast::websocket::stream<boost::beast::tcp_stream>;
  using TlsSocket = boost::beast::websocket::stream<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

  StreamConnection(boost::asio::io_context& io, boost::asio::ssl::context& tls, HttpUrl url,
                   StreamConnectionSettings settings, StreamConnectionEvents events);

  boost::beast::tcp_stream& tcp();
  void on_resolved(const boost::asio::ip::tcp::resolver::results_type& endpoints);
  void on_connected();
  void websocket_handshake();
  void read_next();
  void send_next();
  void fail(const std::string& reason);

  boost::asio::io_context& io_;
  HttpUrl url_;
  StreamConnectionSettings settings_;
  StreamConnectionEvents events_;
  boost::asio::ip::tcp::resolver resolver_;
  std::variant<std::unique_ptr<PlainSocket>, std::unique_ptr<TlsSocket>> socket_;
  boost::beast::flat_buffer buffer_;
  boost::asio::steady_timer pacing_;
  std::deque<std::string> outbox_;
  std::chrono::steady_clock::time_point next_send_at_{};
  bool writing_ = false;
  bool open_ = false;
  bool finished_ = false;
};

}  // namespace pricefeed::host
