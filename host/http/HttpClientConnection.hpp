#pragma once

// One keep-alive connection of the client, plain or TLS, used by one thread at a time.
//
// The API is synchronous, but every step runs as an asynchronous operation on the connection's own
// io_context with a deadline (beast::tcp_stream's expiry, or run_until for DNS), so that a timeout
// really interrupts a connect, a handshake, a write or a read instead of blocking a worker thread
// forever. Owning the io_context makes the connection free to move between worker threads while it
// waits in the pool.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "host/http/HttpClientUrl.hpp"

namespace pricefeed::host {

// What errors thrown by a connection say about the request: its method and redacted URL.
struct HttpCallContext {
  std::string method;
  std::string redacted_url;
};

class HttpClientConnection {
 public:
  using Deadline = std::chrono::steady_clock::time_point;
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  struct Limits {
    std::size_t max_body_bytes;
    std::size_t max_header_bytes;
  };

  // True for an address that must not be connected to (see RedirectPolicy.hpp).
  using RefusedAddress = std::function<bool(const boost::asio::ip::address&)>;

  // Resolves, connects and (for https) handshakes with verification. Each of the three must finish
  // by `connect_deadline`. With `refused`, the addresses it refuses are dropped from what the name
  // resolved to before connecting, and when none is left the call fails (bad_url) naming one.
  // Throws HttpError (dns, connect, tls, timeout, bad_url).
  static std::unique_ptr<HttpClientConnection> open(const HttpOrigin& origin, boost::asio::ssl::context& tls,
                                                    Deadline connect_deadline, const HttpCallContext& call,
                                                    const RefusedAddress& refused = {});

  ~HttpClientConnection();
  HttpClientConnection(const HttpClientConnection&) = delete;
  HttpClientConnection& operator=(const HttpClientConnection&) = delete;

  // Writes `request` and reads one complete response by `deadline`. Throws HttpError (timeout,
  // reset, truncated, too_large, bad_response); the connection must not be used after a throw.
  Response exchange(const Request& request, bool head_request, Deadline deadline, Limits limits,
                    const HttpCallContext& call);

  // About the last exchange: whether the request went out whole, and whether any byte of a response
  // came back. A pooled connection that failed before either is safe to retry on a fresh one.
  bool request_written() const noexcept { return request_written_; }
  bool response_started() const noexcept { return response_started_; }

  // Whether the last response allows another request on this connection.
  bool reusable() const noexcept { return reusable_; }

  // Whether an idle connection still looks usable: the peer has not closed it and has sent nothing
  // unasked. Cheap (a non-blocking peek); a connection that passes can still fail on first use.
  bool idle_and_open();

  const HttpOrigin& origin() const noexcept { return origin_; }
  // The address the connection was made to.
  const boost::asio::ip::address& remote_address() const noexcept { return remote_address_; }
  std::chrono::steady_clock::time_point idle_since() const noexcept { return idle_since_; }
  void mark_idle() { idle_since_ = std::chrono::steady_clock::now(); }

 private:
  HttpClientConnection(HttpOrigin origin, boost::asio::ssl::context& tls);

  boost::beast::tcp_stream& transport();
  void connect(Deadline deadline, const HttpCallContext& call, const RefusedAddress& refused);
  void handshake(Deadline deadline, const HttpCallContext& call);

  HttpOrigin origin_;
  boost::asio::ip::address remote_address_;
  boost::asio::io_context io_;
  std::unique_ptr<boost::beast::tcp_stream> plain_;
  std::unique_ptr<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls_;
  boost::beast::flat_buffer buffer_;
  bool request_written_ = false;
  bool response_started_ = false;
  bool reusable_ = false;
  std::chrono::steady_clock::time_point idle_since_{};
};

}  // namespace pricefeed::host
