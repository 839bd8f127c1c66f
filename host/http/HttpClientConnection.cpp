#include "host/http/HttpClientConnection.hpp"

#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cerrno>
#include <vector>

#include "host/http/HttpClientError.hpp"
#include "host/http/TlsClientContext.hpp"

namespace pricefeed::host {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using boost::system::error_code;

namespace {

HttpError error_for(HttpErrorKind kind, const HttpCallContext& call, std::string problem) {
  return HttpError(kind, call.method, call.redacted_url, std::move(problem));
}

long long milliseconds_until(HttpClientConnection::Deadline deadline, HttpClientConnection::Deadline from) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - from).count();
}

// Runs the operation that `start` initiates on `io` to completion and returns its error code.
// The operation's own expiry (tcp_stream::expires_at) bounds how long that takes.
template <class Start>
error_code run_to_completion(asio::io_context& io, Start&& start) {
  error_code result = asio::error::would_block;
  start([&result](error_code error, auto&&...) { result = error; });
  io.restart();
  io.run();
  return result;
}

bool is_disconnect(const error_code& error) {
  return error == asio::error::connection_reset || error == asio::error::connection_aborted ||
         error == asio::error::broken_pipe || error == asio::error::eof ||
         error == asio::error::not_connected || error == asio::ssl::error::stream_truncated;
}

}  // namespace

HttpClientConnection::HttpClientConnection(HttpOrigin origin, asio::ssl::context& tls)
    : origin_(std::move(origin)) {
  if (origin_.uses_tls()) {
    tls_ = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io_, tls);
  } else {
    plain_ = std::make_unique<beast::tcp_stream>(io_);
  }
}

HttpClientConnection::~HttpClientConnection() = default;

beast::tcp_stream& HttpClientConnection::transport() {
  return tls_ ? beast::get_lowest_layer(*tls_) : *plain_;
}

std::unique_ptr<HttpClientConnection> HttpClientConnection::open(const HttpOrigin& origin,
                                                                 asio::ssl::context& tls,
                                                                 Deadline connect_deadline,
                                                                 const HttpCallContext& call,
                                                                 const RefusedAddress& refused) {
  std::unique_ptr<HttpClientConnection> connection(new HttpClientConnection(origin, tls));
  connection->connect(connect_deadline, call, refused);
  if (connection->tls_) connection->handshake(connect_deadline, call);
  return connection;
}

void HttpClientConnection::connect(Deadline deadline, const HttpCallContext& call,
                                   const RefusedAddress& refused) {
  const auto started = std::chrono::steady_clock::now();
  const std::string where = origin_.host + ":" + std::to_string(origin_.port);

  // getaddrinfo cannot be interrupted: on timeout the lookup is cancelled and abandoned, and the
  // call reports the timeout once the resolver thread hands control back.
  asio::ip::tcp::resolver resolver(io_);
  asio::ip::tcp::resolver::results_type endpoints;
  error_code resolve_error = asio::error::would_block;
  resolver.async_resolve(origin_.host, std::to_string(origin_.port),
                         [&](error_code error, asio::ip::tcp::resolver::results_type results) {
                           resolve_error = error;
                           endpoints = std::move(results);
                         });
  io_.restart();
  io_.run_until(deadline);
  if (resolve_error == asio::error::would_block) {
    resolver.cancel();
    io_.restart();
    io_.run();
    throw error_for(HttpErrorKind::timeout, call,
                    "resolving " + origin_.host + " took longer than " +
                        std::to_string(milliseconds_until(deadline, started)) + " ms");
  }
  if (resolve_error) {
    throw error_for(HttpErrorKind::dns, call,
                    "cannot resolve " + origin_.host + ": " + resolve_error.message());
  }

  // Filtered here, on what the name resolved to, and connected to exactly what is left: a second
  // lookup could answer otherwise (DNS rebinding).
  std::vector<asio::ip::tcp::endpoint> allowed;
  for (const auto& entry : endpoints) {
    if (!refused || !refused(entry.endpoint().address())) allowed.push_back(entry.endpoint());
  }
  if (allowed.empty()) {
    const std::string address =
        endpoints.empty() ? std::string("?") : endpoints.begin()->endpoint().address().to_string();
    throw error_for(
        HttpErrorKind::bad_url, call,
        "refusing to connect to " + origin_.host + " (" + address +
            "): a loopback, link-local or private address, reached by a redirect from a public one");
  }

  beast::tcp_stream& stream = transport();
  stream.expires_at(deadline);
  asio::ip::tcp::endpoint connected_to;
  const error_code error = run_to_completion(io_, [&](auto handler) {
    stream.async_connect(allowed,
                         [handler, &connected_to](error_code error, const asio::ip::tcp::endpoint& endpoint) {
                           connected_to = endpoint;
                           handler(error);
                         });
  });
  if (error == beast::error::timeout) {
    throw error_for(HttpErrorKind::timeout, call,
                    "connecting to " + where + " took longer than " +
                        std::to_string(milliseconds_until(deadline, started)) + " ms");
  }
  if (error)
    throw error_for(HttpErrorKind::connect, call, "cannot connect to " + where + ": " + error.message());
  remote_address_ = connected_to.address();
  stream.socket().set_option(asio::ip::tcp::no_delay(true));
  stream.expires_never();
}

void HttpClientConnection::handshake(Deadline deadline, const HttpCallContext& call) {
  const auto started = std::chrono::steady_clock::now();
  if (!prepare_tls_peer(tls_->native_handle(), origin_.host, origin_.is_ip_literal())) {
    throw error_for(HttpErrorKind::tls, call, "cannot set up TLS verification for host " + origin_.host);
  }
  transport().expires_at(deadline);
  const error_code error = run_to_completion(
      io_, [&](auto handler) { tls_->async_handshake(asio::ssl::stream_base::client, handler); });
  if (error == beast::error::timeout) {
    throw error_for(HttpErrorKind::timeout, call,
                    "TLS handshake with " + origin_.host + " took longer than " +
                        std::to_string(milliseconds_until(deadline, started)) + " ms");
  }
  if (error) {
    std::string why = describe_verification_failure(tls_->native_handle());
    if (why.empty()) why = "TLS handshake failed: " + error.message();
    throw error_for(HttpErrorKind::tls, call, why + " (host " + origin_.host + ")");
  }
  transport().expires_never();
}

HttpClientConnection::Response HttpClientConnection::exchange(const Request& request, bool head_request,
                                                              Deadline deadline, Limits limits,
                                                              const HttpCallContext& call) {
  const auto started = std::chrono::steady_clock::now();
  request_written_ = false;
  response_started_ = false;
  reusable_ = false;
  const auto waited = [&] { return std::to_string(milliseconds_until(deadline, started)) + " ms"; };

  transport().expires_at(deadline);
  error_code error = run_to_completion(io_, [&](auto handler) {
    if (tls_) {
      http::async_write(*tls_, request, handler);
    } else {
      http::async_write(*plain_, request, handler);
    }
  });
  if (error == beast::error::timeout) {
    throw error_for(HttpErrorKind::timeout, call, "sending the request took longer than " + waited());
  }
  if (error) throw error_for(HttpErrorKind::reset, call, "sending the request failed: " + error.message());
  request_written_ = true;

  http::response_parser<http::string_body> parser;
  parser.body_limit(limits.max_body_bytes);
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  // A response to HEAD announces a body it does not send.
  parser.skip(head_request);
  error = run_to_completion(io_, [&](auto handler) {
    if (tls_) {
      http::async_read(*tls_, buffer_, parser, handler);
    } else {
      http::async_read(*plain_, buffer_, parser, handler);
    }
  });
  response_started_ = parser.got_some() || buffer_.size() > 0;

  if (error) {
    if (error == beast::error::timeout) {
      throw error_for(HttpErrorKind::timeout, call, "no complete response within " + waited());
    }
    if (error == http::error::body_limit) {
      throw error_for(
          HttpErrorKind::too_large, call,
          "response body exceeds the limit of " + std::to_string(limits.max_body_bytes) + " bytes");
    }
    if (error == http::error::header_limit) {
      throw error_for(
          HttpErrorKind::too_large, call,
          "response headers exceed the limit of " + std::to_string(limits.max_header_bytes) + " bytes");
    }
    if (error == http::error::end_of_stream) {
      throw error_for(HttpErrorKind::reset, call, "connection closed before any response");
    }
    if (error == http::error::partial_message || (is_disconnect(error) && parser.is_header_done())) {
      std::string problem = "connection ended in the middle of the response";
      if (parser.is_header_done()) {
        problem += " after " + std::to_string(parser.get().body().size());
        if (auto length = parser.content_length()) problem += " of " + std::to_string(*length);
        problem += " body bytes";
      }
      if (error != http::error::partial_message) problem += " (" + error.message() + ")";
      throw error_for(HttpErrorKind::truncated, call, problem);
    }
    if (is_disconnect(error)) {
      throw error_for(response_started_ ? HttpErrorKind::truncated : HttpErrorKind::reset, call,
                      (response_started_ ? "connection ended in the middle of the response headers: "
                                         : "connection lost before any response: ") +
                          error.message());
    }
    if (error.category() == http::make_error_code(http::error::bad_version).category()) {
      throw error_for(HttpErrorKind::bad_response, call, "malformed response: " + error.message());
    }
    throw error_for(HttpErrorKind::reset, call, "reading the response failed: " + error.message());
  }
  transport().expires_never();
  Response response = parser.release();
  // Bytes beyond the response mean the server is not speaking HTTP/1.1 as we do: start afresh.
  reusable_ = response.keep_alive() && buffer_.size() == 0;
  return response;
}

bool HttpClientConnection::idle_and_open() {
  beast::tcp_stream& stream = transport();
  if (!stream.socket().is_open() || buffer_.size() != 0) return false;
  char byte = 0;
  const ssize_t peeked = ::recv(stream.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (peeked == 0) return false;  // the peer closed it
  // Data nobody asked for (an early error, a TLS alert): the connection's state is unknown.
  if (peeked > 0) return false;
  return errno == EAGAIN || errno == EWOULDBLOCK;
}

}  // namespace pricefeed::host
