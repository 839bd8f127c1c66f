#include "host/http/HttpServerSession.hpp"

#include <algorithm>
#include <chrono>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/version.hpp>

#include "host/http/HttpRequestReading.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;

namespace {

// After refusing a request, what the client keeps sending is read and dropped for up to this long
// or this much, then the connection is closed anyway.
constexpr std::chrono::seconds kDrainTime{2};
constexpr std::size_t kMaxDrainBytes = 8 * 1024 * 1024;

bool is_disconnect(const beast::error_code& error) {
  return error == http::error::end_of_stream || error == net::error::eof ||
         error == net::error::connection_reset || error == net::error::operation_aborted ||
         error == beast::error::timeout || error == net::error::broken_pipe;
}

bool expects_continue(const HttpServerRequest& request) {
  return beast::iequals(request[http::field::expect], "100-continue");
}

}  // namespace

HttpServerSessions::Room HttpServerSessions::make_room() {
  // Declared before the lock so that it is released after it: dropping the last reference to a
  // session runs its destructor, which calls remove().
  std::vector<std::shared_ptr<HttpServerSession>> looked_at;
  std::lock_guard lock(mutex_);
  if (live_ - evicting_ < max_connections) return Room::free;
  // sessions_ is in the order of acceptance: the first one waiting has waited longest.
  for (const auto& weak : sessions_) {
    auto session = weak.lock();
    if (!session) continue;
    const bool evicted = session->evict();
    looked_at.push_back(std::move(session));
    if (evicted) {
      ++evicting_;
      return Room::evicted;
    }
  }
  return Room::full;
}

void HttpServerSessions::add(const std::shared_ptr<HttpServerSession>& session) {
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
  sessions_.push_back(session);
  ++live_;
}

void HttpServerSessions::remove(bool evicted) {
  {
    std::lock_guard lock(mutex_);
    --live_;
    if (evicted) --evicting_;
  }
  closed_.notify_all();
}

void HttpServerSessions::close_all_when_idle() {
  std::vector<std::shared_ptr<HttpServerSession>> live;
  {
    std::lock_guard lock(mutex_);
    for (const auto& weak : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (const auto& session : live)
    session->close_when_idle();
}

std::size_t HttpServerSessions::wait_until_closed(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  closed_.wait_for(lock, timeout, [this] { return live_ == 0; });
  return live_;
}

HttpServerSession::HttpServerSession(net::ip::tcp::socket socket, HttpServerSessions& sessions)
    : sessions_(sessions), stream_(std::move(socket)) {}

HttpServerSession::~HttpServerSession() {
  sessions_.remove(phase_ == Phase::evicted);
}

void HttpServerSession::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_request(); });
}

void HttpServerSession::close_when_idle() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    // A session reading a request's header is idle as far as the server is concerned: a client that
    // started a request during shutdown is cut off rather than holding the stop up.
    if (self->phase_ != Phase::busy) self->close();
  });
}

bool HttpServerSession::evict() {
  Phase waiting = Phase::waiting;
  if (!phase_.compare_exchange_strong(waiting, Phase::evicted)) return false;
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->close(); });
  return true;
}

void HttpServerSession::read_request() {
  if (closed_) return;
  if (sessions_.stopping) return close();
  phase_ = Phase::waiting;
  // A new connection, or a request already in the buffer (pipelined), is a request begun: its header
  // deadline runs from now. Otherwise the keep-alive wait comes first.
  if (requests_ == 0 || buffer_.size() > 0) return read_header();
  wait_for_next_request();
}

void HttpServerSession::wait_for_next_request() {
  stream_.expires_after(sessions_.settings.idle_timeout);
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
                            if (self->closed_) return;
                            if (error) return self->close();
                            self->buffer_.commit(bytes);
                            self->read_header();
                          });
}

void HttpServerSession::read_header() {
  const auto now = std::chrono::steady_clock::now();
  request_deadline_ = now + sessions_.settings.request_timeout;
  parser_.emplace();
  limit_request_parser(*parser_, sessions_.settings);
  stream_.expires_at(std::min(now + sessions_.settings.header_timeout, request_deadline_));
  http::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code error, std::size_t header_bytes) {
        self->on_header(checked_header_read(error, header_bytes, self->sessions_.settings));
      });
}

void HttpServerSession::on_header(beast::error_code error) {
  // An eviction that won the race closes the session: the header it just read is not served.
  Phase waiting = Phase::waiting;
  if (!phase_.compare_exchange_strong(waiting, Phase::busy)) return close();
  if (closed_) return;
  if (is_disconnect(error)) return close();
  if (error) {
    // Beast compares Content-Length with the body limit while parsing the header, so the body is
    // refused before it is read (and, with Expect: 100-continue, before it is even sent).
    if (error == http::error::body_limit) request_version_ = parser_->get().version();
    return refuse(unreadable_request_response(error, sessions_.settings));
  }
  const HttpServerRequest& request = parser_->get();
  request_version_ = request.version();
  if (expects_continue(request)) return send_continue_then_read_body();
  read_body();
}

void HttpServerSession::send_continue_then_read_body() {
  continue_ = std::make_shared<http::response<http::empty_body>>(http::status::continue_, request_version_);
  stream_.expires_at(request_deadline_);
  http::async_write(stream_, *continue_, [self = shared_from_this()](beast::error_code error, std::size_t) {
    self->continue_.reset();
    if (error) return self->close();
    self->read_body();
  });
}

void HttpServerSession::read_body() {
  stream_.expires_at(request_deadline_);
  http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_body(error); });
}

void HttpServerSession::on_body(beast::error_code error) {
  if (closed_) return;
  if (is_disconnect(error)) return close();
  if (error) return refuse(unreadable_request_response(error, sessions_.settings));
  handle(parser_->release());
}

void HttpServerSession::handle(HttpServerRequest request) {
  ++requests_;
  keep_alive_ = request.keep_alive() && requests_ < sessions_.settings.max_requests_per_connection;
  stream_.expires_never();  // the handler may take its time; the client waits for the answer
  net::post(sessions_.handlers, [self = shared_from_this(), request = std::move(request)]() mutable {
    const auto started = std::chrono::steady_clock::now();
    HttpServerResponse response = self->sessions_.router.dispatch(request);
    log(spdlog::level::debug, "HTTP request",
        {{"method", std::string(request.method_string())},
         {"target", std::string(request.target().substr(0, 200))},
         {"status", static_cast<int>(response.result_int())},
         {"duration_ms",
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
              .count()}});
    net::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
      self->write(std::move(response), !self->keep_alive_);
    });
  });
}

void HttpServerSession::write(HttpServerResponse response, bool close) {
  if (closed_) return;
  close = close || sessions_.stopping;
  response.version(request_version_);
  response.set(http::field::server, "pricefeed");
  response.keep_alive(!close);
  response.prepare_payload();
  response_ = std::make_shared<HttpServerResponse>(std::move(response));
  stream_.expires_after(sessions_.settings.request_timeout);
  http::async_write(stream_, *response_,
                    [self = shared_from_this(), close](beast::error_code error, std::size_t) {
                      self->on_write(error, close);
                    });
}

void HttpServerSession::on_write(beast::error_code error, bool close) {
  response_.reset();
  if (error || close || sessions_.stopping) return this->close();
  read_request();
}

void HttpServerSession::refuse(HttpServerResponse response) {
  if (closed_) return;
  response.version(request_version_);
  response.set(http::field::server, "pricefeed");
  response.keep_alive(false);
  response.prepare_payload();
  response_ = std::make_shared<HttpServerResponse>(std::move(response));
  stream_.expires_after(sessions_.settings.request_timeout);
  http::async_write(stream_, *response_, [self = shared_from_this()](beast::error_code error, std::size_t) {
    self->response_.reset();
    if (error) return self->close();
    beast::error_code ignored;
    self->stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    self->drain_buffer_.resize(64 * 1024);
    self->stream_.expires_after(kDrainTime);
    self->drain_then_close();
  });
}

void HttpServerSession::drain_then_close() {
  stream_.async_read_some(net::buffer(drain_buffer_),
                          [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
                            self->drained_ += bytes;
                            if (error || self->drained_ > kMaxDrainBytes) return self->close();
                            self->drain_then_close();
                          });
}

void HttpServerSession::close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
}

}  // namespace pricefeed::host
