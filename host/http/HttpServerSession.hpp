#pragma once

// One accepted connection of HttpServer: reads requests one after the other (keep-alive), hands each
// to the router on the handler threads, writes the answer, and closes when the client or the server is
// done. Internal to HttpServer.cpp.
//
// Deadlines (HttpServerSettings): a new connection's first header must arrive within header_timeout
// of the accept; a kept-alive one waits idle_timeout for the next request's first byte, and its
// header is then due within header_timeout. The whole request, header and body, is due within
// request_timeout of the same start. After max_requests_per_connection requests the answer says
// Connection: close.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>

#include "host/http/HttpRequestReading.hpp"
#include "host/http/HttpServerMessages.hpp"
#include "host/http/HttpServerSettings.hpp"
#include "host/http/Router.hpp"

namespace pricefeed::host {

class HttpServerSession;

// What the server shares with its sessions; owned by the server, outlives every session.
struct HttpServerSessions {
  HttpServerSessions(const Router& router, const HttpServerSettings& settings,
                     boost::asio::thread_pool& handlers)
      : router(router), settings(settings), handlers(handlers) {}

  const Router& router;
  const HttpServerSettings& settings;
  boost::asio::thread_pool& handlers;
  std::atomic<bool> stopping{false};
  // settings.max_connections as lowered by the descriptor limit; set by start() before serving.
  std::size_t max_connections = 0;

  // Whether a new connection may be taken: yes below max_connections; at it, yes when the session
  // waiting longest for a request could be evicted (it closes on its own strand, so the count
  // briefly includes it: `evicted` says so), no when every session has a request in progress.
  enum class Room { free, evicted, full };
  Room make_room();
  void add(const std::shared_ptr<HttpServerSession>& session);
  void remove(bool evicted);  // from a session's destructor
  // Asks every session to close once its request in progress, if any, is answered.
  void close_all_when_idle();
  // Waits until no session is left or the timeout; returns how many are left.
  std::size_t wait_until_closed(std::chrono::milliseconds timeout);

 private:
  std::mutex mutex_;
  std::condition_variable closed_;
  std::vector<std::weak_ptr<HttpServerSession>> sessions_;
  std::size_t live_ = 0;
  std::size_t evicting_ = 0;  // evicted, not destroyed yet: they no longer count against the cap
};

class HttpServerSession : public std::enable_shared_from_this<HttpServerSession> {
 public:
  // `socket` was accepted on a strand of its own: every step of the session runs there.
  HttpServerSession(boost::asio::ip::tcp::socket socket, HttpServerSessions& sessions);
  ~HttpServerSession();
  HttpServerSession(const HttpServerSession&) = delete;
  HttpServerSession& operator=(const HttpServerSession&) = delete;

  void start();
  // Thread-safe: closes now if waiting for a request, otherwise after the answer in progress.
  void close_when_idle();
  // Thread-safe: closes the session if it is waiting for a request or reading its header, and
  // returns whether it did; a request whose header has been read is never cut off this way.
  bool evict();

 private:
  // What the session is doing, as far as eviction is concerned; read from the accepting thread.
  enum class Phase { busy, waiting, evicted };

  void read_request();
  void wait_for_next_request();
  void read_header();
  void on_header(boost::beast::error_code error);
  void send_continue_then_read_body();
  void read_body();
  void on_body(boost::beast::error_code error);
  void handle(HttpServerRequest request);
  // Sends `response`; closes afterwards when `close` or when the server is stopping.
  void write(HttpServerResponse response, bool close);
  void on_write(boost::beast::error_code error, bool close);
  // Refuses the request (413, 431, 400) and closes: what the client still sends is read and dropped
  // for a moment first, so that closing does not reset the connection before it reads the answer.
  void refuse(HttpServerResponse response);
  void drain_then_close();
  void close();

  HttpServerSessions& sessions_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<HttpRequestParser> parser_;
  std::shared_ptr<HttpServerResponse> response_;
  std::shared_ptr<boost::beast::http::response<boost::beast::http::empty_body>> continue_;
  std::vector<char> drain_buffer_;
  std::size_t drained_ = 0;
  std::atomic<Phase> phase_{Phase::busy};
  std::chrono::steady_clock::time_point request_deadline_;
  std::size_t requests_ = 0;
  unsigned request_version_ = 11;
  bool keep_alive_ = false;
  bool closed_ = false;
};

}  // namespace pricefeed::host
