#pragma once

// One accepted connection of HttpServer: reads requests one after the other (keep-alive), hands each
// to the router on the handler threads, writes the answer, and closes when the client or the server is
// done. Internal to HttpServer.cpp.

#include <atomic>
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

  void add(const std::shared_ptr<HttpServerSession>& session);
  void remove();  // from a session's destructor
  // Asks every session to close once its request in progress, if any, is answered.
  void close_all_when_idle();
  // Waits until no session is left or the timeout; returns how many are left.
  std::size_t wait_until_closed(std::chrono::milliseconds timeout);

 private:
  std::mutex mutex_;
  std::condition_variable closed_;
  std::vector<std::weak_ptr<HttpServerSession>> sessions_;
  std::size_t live_ = 0;
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

 private:
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
  unsigned request_version_ = 11;
  bool keep_alive_ = false;
  bool idle_ = false;
  bool closed_ = false;
};

}  // namespace pricefeed::host
