#include "host/stream/StreamConnection.hpp"

#include <algorithm>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "host/http/TlsClientContext.hpp"

namespace pricefeed::host {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using namespace std::chrono;

std::string describe(const beast::error_code& error) {
  if (error == beast::error::timeout) return "timed out";
  return error.message();
}

}  // namespace

std::optional<HttpUrl> parse_stream_url(std::string_view url, std::string& problem) {
  std::string as_http;
  if (url.starts_with("ws://")) {
    as_http = "http://" + std::string(url.substr(5));
  } else if (url.starts_with("wss://")) {
    as_http = "https://" + std::string(url.substr(6));
  } else {
    problem = "a stream URL starts with ws:// or wss://, not \"" + std::string(url.substr(0, 16)) + "\"";
    return std::nullopt;
  }
  auto parsed = parse_http_url(as_http, problem);
  if (parsed) parsed->text = std::string(url);
  return parsed;
}

std::shared_ptr<StreamConnection> StreamConnection::create(asio::io_context& io, asio::ssl::context& tls,
                                                           HttpUrl url, StreamConnectionSettings settings,
                                                           StreamConnectionEvents events) {
  return std::shared_ptr<StreamConnection>(
      new StreamConnection(io, tls, std::move(url), settings, std::move(events)));
}

StreamConnection::StreamConnection(asio::io_context& io, asio::ssl::context& tls, HttpUrl url,
                                   StreamConnectionSettings settings, StreamConnectionEvents events)
    : io_(io),
      url_(std::move(url)),
      settings_(settings),
      events_(std::move(events)),
      resolver_(io),
      pacing_(io) {
  if (url_.origin.uses_tls()) {
    socket_ = std::make_unique<TlsSocket>(io, tls);
  } else {
    socket_ = std::make_unique<PlainSocket>(io);
  }
}

beast::tcp_stream& StreamConnection::tcp() {
  return std::visit([](auto& ws) -> beast::tcp_stream& { return beast::get_lowest_layer(*ws); }, socket_);
}

void StreamConnection::start() {
  auto self = shared_from_this();
  tcp().expires_after(settings_.connect_timeout);
  resolver_.async_resolve(
      url_.origin.host, std::to_string(url_.origin.port),
      [self](const beast::error_code& error, asio::ip::tcp::resolver::results_type found) {
        if (error) return self->fail("cannot resolve " + self->url_.origin.host + ": " + describe(error));
        self->on_resolved(found);
      });
}

void StreamConnection::on_resolved(const asio::ip::tcp::resolver::results_type& endpoints) {
  auto self = shared_from_this();
  tcp().async_connect(endpoints, [self](const beast::error_code& error, const asio::ip::tcp::endpoint&) {
    if (error)
      return self->fail("cannot connect to " + self->url_.origin.to_string() + ": " + describe(error));
    self->on_connected();
  });
}

void StreamConnection::on_connected() {
  auto* tls = std::get_if<std::unique_ptr<TlsSocket>>(&socket_);
  if (tls == nullptr) return websocket_handshake();
  auto& ssl = (*tls)->next_layer();
  if (!prepare_tls_peer(ssl.native_handle(), url_.origin.host, url_.origin.is_ip_literal())) {
    return fail("cannot set up TLS for " + url_.origin.host);
  }
  auto self = shared_from_this();
  ssl.async_handshake(asio::ssl::stream_base::client, [self, &ssl](const beast::error_code& error) {
    if (!error) return self->websocket_handshake();
    const std::string verification = describe_verification_failure(ssl.native_handle());
    self->fail("TLS handshake with " + self->url_.origin.host +
               " failed: " + (verification.empty() ? describe(error) : verification));
  });
}

void StreamConnection::websocket_handshake() {
  auto self = shared_from_this();
  std::visit(
      [&](auto& ws) {
        // The handshake runs under the connect deadline; from then on the WebSocket's own timers
        // watch the connection: a ping after half the stall timeout of silence, closed after all of it.
        websocket::stream_base::timeout timeouts{};
        timeouts.handshake_timeout = settings_.connect_timeout;
        timeouts.idle_timeout = settings_.stall_timeout;
        timeouts.keep_alive_pings = true;
        ws->set_option(timeouts);
        ws->set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
          request.set(beast::http::field::user_agent, "pricefeed");
        }));
        ws->read_message_max(1 << 20);
        ws->async_handshake(url_.host_header, url_.target, [self](const beast::error_code& error) {
          if (error) {
            return self->fail("WebSocket handshake with " + self->url_.origin.to_string() +
                              self->url_.target + " failed: " + describe(error));
          }
          self->tcp().expires_never();
          self->open_ = true;
          if (self->events_.on_open) self->events_.on_open();
          if (self->finished_) return;
          self->read_next();
          self->send_next();
        });
      },
      socket_);
}

void StreamConnection::read_next() {
  auto self = shared_from_this();
  std::visit(
      [&](auto& ws) {
        ws->async_read(buffer_, [self, &ws](const beast::error_code& error, std::size_t) {
          if (self->finished_) return;
          if (error == websocket::error::closed) {
            const auto& reason = ws->reason();
            return self->fail("closed by the peer (" + std::to_string(reason.code) +
                              (reason.reason.empty() ? "" : " " + std::string(reason.reason.c_str())) + ")");
          }
          if (error == beast::error::timeout) {
            return self->fail("stalled: nothing received for " +
                              std::to_string(duration_cast<seconds>(self->settings_.stall_timeout).count()) +
                              " s, not even a pong");
          }
          if (error) return self->fail("read failed: " + describe(error));
          if (ws->got_text()) {
            const auto data = self->buffer_.cdata();
            self->events_.on_frame(std::string_view(static_cast<const char*>(data.data()), data.size()));
          }
          self->buffer_.clear();
          if (!self->finished_) self->read_next();
        });
      },
      socket_);
}

void StreamConnection::send(std::string text) {
  outbox_.push_back(std::move(text));
  if (open_) send_next();
}

void StreamConnection::send_next() {
  if (writing_ || finished_ || outbox_.empty()) return;
  const auto now = steady_clock::now();
  if (now < next_send_at_) {
    writing_ = true;  // the timer below is this turn's writer
    auto self = shared_from_this();
    pacing_.expires_at(next_send_at_);
    pacing_.async_wait([self](const beast::error_code& error) {
      self->writing_ = false;
      if (!error) self->send_next();
    });
    return;
  }
  if (settings_.max_messages_per_second > 0) {
    // A tenth more than the bare interval: the upstream counts its own pongs in the same budget.
    next_send_at_ = now + microseconds(1'100'000 / settings_.max_messages_per_second);
  }
  writing_ = true;
  auto self = shared_from_this();
  std::visit(
      [&](auto& ws) {
        ws->text(true);
        ws->async_write(asio::buffer(outbox_.front()), [self](const beast::error_code& error, std::size_t) {
          self->writing_ = false;
          if (self->finished_) return;
          if (error) return self->fail("send failed: " + describe(error));
          self->outbox_.pop_front();
          self->send_next();
        });
      },
      socket_);
}

void StreamConnection::close(const std::string& reason) {
  if (finished_) return;
  if (!open_) return fail(reason);
  open_ = false;
  finished_ = true;
  pacing_.cancel();
  auto self = shared_from_this();
  std::visit(
      [&](auto& ws) {
        ws->async_close(websocket::close_code::going_away, [self, reason](const beast::error_code&) {
          beast::error_code ignored;
          self->tcp().socket().close(ignored);
          if (self->events_.on_closed) self->events_.on_closed(reason);
        });
      },
      socket_);
}

void StreamConnection::fail(const std::string& reason) {
  if (finished_) return;
  finished_ = true;
  open_ = false;
  pacing_.cancel();
  resolver_.cancel();
  beast::error_code ignored;
  tcp().socket().close(ignored);
  // Reported from the io_context, not from inside a handler of ours that the owner may be running.
  asio::post(io_, [self = shared_from_this(), reason] {
    if (self->events_.on_closed) self->events_.on_closed(reason);
  });
}

}  // namespace pricefeed::host
