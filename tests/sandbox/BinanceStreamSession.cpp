#include "tests/sandbox/BinanceStreamSession.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/parse.hpp>

#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using websocket::Opcode;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// How long the server waits for the client's close frame after sending its own.
constexpr std::chrono::seconds kCloseHandshake{5};

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The upper-case symbol of each stream ("btcusdt@miniTicker" -> "BTCUSDT"), for the request log.
std::vector<std::string> symbols_of(const std::vector<std::string>& streams) {
  std::vector<std::string> out;
  for (const std::string& s : streams)
    out.push_back(to_upper(s.substr(0, s.find('@'))));
  return out;
}

// ?streams=btcusdt@miniTicker/ethusdt@miniTicker: subscribed at connect, as Binance does.
std::optional<std::vector<std::string>> streams_in(std::string_view target) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return std::nullopt;
  std::vector<std::string> out;
  for (auto param : url->params()) {
    if (param.key != "streams") continue;
    std::string_view value = param.value;
    while (!value.empty()) {
      const auto slash = value.find('/');
      const std::string_view name = value.substr(0, slash);
      if (!well_formed_stream(name)) return std::nullopt;
      if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
      value = slash == std::string_view::npos ? std::string_view{} : value.substr(slash + 1);
    }
  }
  return out;
}

}  // namespace

asio::awaitable<void> serve_binance_stream(BinanceStreamHub& hub, beast::tcp_stream stream,
                                           beast::flat_buffer buffer,
                                           http::request<http::string_body> upgrade, std::string peer) {
  Sandbox& sb = hub.sandbox();
  const std::string user_agent(upgrade[http::field::user_agent]);
  const auto streams = streams_in(upgrade.target());
  const auto key = upgrade[http::field::sec_websocket_key];
  const bool version_13 = upgrade[http::field::sec_websocket_version] == "13";
  const std::size_t max_streams = hub.settings().max_streams;
  std::string refusal;
  if (key.empty() || !version_13) {
    refusal = "a WebSocket upgrade needs Sec-WebSocket-Key and version 13";
  } else if (!streams) {
    refusal = "Invalid request: invalid stream";
  } else if (streams->size() > max_streams) {
    ++hub.counters().stream_limit_violations;
    refusal = "Invalid request: more than " + std::to_string(max_streams) + " streams on one connection";
  }
  sb.counters().request("binance.stream");
  if (!refusal.empty()) {
    http::response<http::string_body> res{http::status::bad_request, upgrade.version()};
    res.set(http::field::server, "pricefeed-sandbox");
    res.set(http::field::content_type, "text/plain");
    res.body() = std::move(refusal);
    res.keep_alive(false);
    res.prepare_payload();
    sb.counters().answer("binance.stream", 400);
    co_await http::async_write(stream, res, kUseTuple);
    boost::system::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    co_return;
  }

  http::response<http::empty_body> res{http::status::switching_protocols, 11};
  res.set(http::field::server, "pricefeed-sandbox");
  res.set(http::field::upgrade, "websocket");
  res.set(http::field::connection, "Upgrade");
  res.set(http::field::sec_websocket_accept, websocket::accept_key(key));
  stream.expires_never();
  auto [ec, written] = co_await http::async_write(stream, res, kUseTuple);
  if (ec) co_return;
  sb.counters().answer("binance.stream", 101);

  const auto data = buffer.data();
  std::string leftover(static_cast<const char*>(data.data()), data.size());
  auto session =
      std::make_shared<BinanceStreamSession>(hub, stream.release_socket(), std::move(peer), user_agent);
  co_await session->run(std::string(upgrade.target()), *streams, std::move(leftover));
}

BinanceStreamSession::BinanceStreamSession(BinanceStreamHub& hub, asio::ip::tcp::socket socket,
                                           std::string peer, std::string user_agent)
    : hub_(hub),
      socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      peer_(std::move(peer)),
      user_agent_(std::move(user_agent)),
      opened_ms_(wall_ms()) {}

asio::awaitable<void> BinanceStreamSession::run(std::string target, std::vector<std::string> initial_streams,
                                                std::string leftover) {
  id_ = hub_.opened(shared_from_this());
  log("GET", target, initial_streams, 101);
  {
    std::lock_guard lock(streams_mutex_);
    streams_ = std::move(initial_streams);
  }
  for (const std::string& s : streams_copy())
    if (auto pair = mini_ticker_pair(s)) pairs_.push_back(*pair);
  const auto settings = hub_.settings();
  next_frames_ = opened_;
  next_ping_ = opened_ + std::chrono::milliseconds{settings.ping_interval_ms};

  asio::co_spawn(socket_.get_executor(), write_loop(), asio::detached);
  if (!leftover.empty()) {
    reader_.feed(leftover);
    while (auto m = reader_.next())
      handle(std::move(*m));
  }
  char chunk[16 * 1024];
  while (!closed_) {
    auto [ec, n] = co_await socket_.async_read_some(asio::buffer(chunk), kUseTuple);
    if (ec) break;
    reader_.feed({chunk, n});
    while (!closed_) {
      auto m = reader_.next();
      if (!m) break;
      handle(std::move(*m));
    }
    if (reader_.error() && !close_sent_) close_with(reader_.error()->close_code, reader_.error()->reason);
  }
  drop();
  hub_.closed(id_);
}

void BinanceStreamSession::wake() {
  timer_.cancel();
}

void BinanceStreamSession::queue(Opcode opcode, std::string_view payload) {
  websocket::append_frame(replies_, opcode, payload);
  wake();
}

void BinanceStreamSession::close_with(std::uint16_t code, std::string_view reason) {
  if (close_sent_ || closed_) return;
  queue(Opcode::close, websocket::close_payload(code, reason));
  close_sent_ = true;
}

void BinanceStreamSession::drop() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  wake();
}

bool BinanceStreamSession::over_message_rate() {
  const auto now = Clock::now();
  while (!recent_messages_.empty() && now - recent_messages_.front() >= std::chrono::seconds{1})
    recent_messages_.pop_front();
  recent_messages_.push_back(now);
  return recent_messages_.size() > hub_.settings().max_messages_per_second;
}

void BinanceStreamSession::handle(websocket::Message message) {
  if (close_sent_) {
    if (message.opcode == Opcode::close) drop();  // the closing handshake is complete
    return;
  }
  if (message.opcode == Opcode::close) {
    // Echo the client's code, as RFC 6455 asks, then close.
    queue(Opcode::close, message.payload.substr(0, 2));
    close_sent_ = true;
    return;
  }
  ++hub_.counters().messages_received;
  if (over_message_rate()) {
    // Binance disconnects a connection beyond 5 incoming messages a second; clients see
    // "1008: Too many requests" (binance-connector-js issue 530).
    ++hub_.counters().message_rate_violations;
    close_with(websocket::kClosePolicyViolation, "Too many requests");
    return;
  }
  switch (message.opcode) {
    case Opcode::ping:
      queue(Opcode::pong, message.payload);
      return;
    case Opcode::pong:
      awaiting_pong_since_.reset();
      return;
    default:
      handle_request(message.payload);
  }
}

void BinanceStreamSession::handle_request(const std::string& text) {
  auto parsed = parse_stream_request(text);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    log("MESSAGE", text, {}, 400);
    queue(Opcode::text, *error);
    return;
  }
  StreamRequest& request = std::get<StreamRequest>(parsed);
  const std::size_t max_streams = hub_.settings().max_streams;
  std::string answer;
  unsigned status = 200;
  switch (request.method) {
    case StreamRequest::Method::list_subscriptions:
      answer = stream_result(streams_copy(), request.id);
      break;
    case StreamRequest::Method::subscribe: {
      std::lock_guard lock(streams_mutex_);
      std::vector<std::string> added;
      for (const std::string& s : request.params) {
        if (std::find(streams_.begin(), streams_.end(), s) == streams_.end() &&
            std::find(added.begin(), added.end(), s) == added.end())
          added.push_back(s);
      }
      if (streams_.size() + added.size() > max_streams) {
        ++hub_.counters().stream_limit_violations;
        answer = stream_error(
            2,
            "Invalid request: a connection can listen to at most " + std::to_string(max_streams) + " streams",
            request.id);
        status = 400;
        break;
      }
      for (std::string& s : added) {
        if (auto pair = mini_ticker_pair(s)) pairs_.push_back(*pair);
        streams_.push_back(std::move(s));
      }
      answer = stream_result(request.id);
      break;
    }
    case StreamRequest::Method::unsubscribe: {
      std::lock_guard lock(streams_mutex_);
      for (const std::string& s : request.params) {
        std::erase(streams_, s);
        if (auto pair = mini_ticker_pair(s)) std::erase(pairs_, *pair);
      }
      answer = stream_result(request.id);
      break;
    }
  }
  log(request.method_name, text, request.params, status);
  queue(Opcode::text, answer);
}

void BinanceStreamSession::log(const std::string& method, const std::string& target,
                               const std::vector<std::string>& streams, unsigned status) {
  Sandbox& sb = hub_.sandbox();
  sb.requests().record({.received_ms = wall_ms(),
                        .route = "binance.stream",
                        .family = "binance",
                        .method = method,
                        .target = target.substr(0, 4096),
                        .symbols = symbols_of(streams),
                        .status = status,
                        .fault = "",
                        .peer = peer_,
                        .user_agent = user_agent_,
                        .api_key = ""});
}

void BinanceStreamSession::inject(const StreamFault& fault) {
  asio::post(socket_.get_executor(), [self = shared_from_this(), fault] {
    self->faults_.push_back(fault);
    self->wake();
  });
}

void BinanceStreamSession::apply_due_faults(std::string& out, Clock::time_point now) {
  while (!faults_.empty() && !closed_) {
    const StreamFault fault = faults_.front();
    // A stalled connection only notices a drop; the other faults wait for the stall to end.
    if (now < stalled_until_ && fault.kind != StreamFault::Kind::drop) return;
    faults_.pop_front();
    switch (fault.kind) {
      case StreamFault::Kind::drop:
        drop();
        return;
      case StreamFault::Kind::stall:
        stalled_until_ = now + fault.duration;
        return;
      case StreamFault::Kind::malformed: {
        // A miniTicker frame cut in half: what a connection cut mid-message would leave.
        const auto frames = hub_.frames(pairs_);
        std::string whole =
            frames.empty() ? server_shutdown_frame(wall_ms()) : frames.front()->text(wall_ms());
        websocket::append_frame(out, Opcode::text, std::string_view(whole).substr(0, whole.size() / 2));
        break;
      }
      case StreamFault::Kind::shutdown:
        websocket::append_frame(out, Opcode::text, server_shutdown_frame(wall_ms()));
        close_at_ = now + fault.duration;
        break;
    }
  }
}

void BinanceStreamSession::append_frames(std::string& out) {
  const auto frames = hub_.frames(pairs_);
  const std::int64_t event_ms = wall_ms();
  std::string text;
  for (const auto& frame : frames) {
    text.clear();
    frame->append_to(text, event_ms);
    websocket::append_frame(out, Opcode::text, text);
  }
  hub_.counters().frames_sent += frames.size();
}

asio::awaitable<void> BinanceStreamSession::write_loop() {
  auto self = shared_from_this();
  std::string out;
  std::optional<Clock::time_point> close_deadline;
  while (!closed_) {
    const auto now = Clock::now();
    const StreamSettings settings = hub_.settings();
    const auto period = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / settings.frames_per_second));
    out.clear();
    apply_due_faults(out, now);
    if (closed_) break;
    Clock::time_point wake_at = now + std::chrono::hours{1};
    if (now < stalled_until_) {
      wake_at = stalled_until_;
      next_frames_ = stalled_until_;
      next_ping_ = stalled_until_;
      awaiting_pong_since_.reset();
    } else {
      out += replies_;
      replies_.clear();
      if (!close_sent_) {
        if (close_at_ && now >= *close_at_) {
          close_with(websocket::kCloseGoingAway, "going away");
        } else if (now - opened_ >= std::chrono::milliseconds{settings.lifetime_ms}) {
          ++hub_.counters().lifetime_closes;
          close_with(websocket::kCloseGoingAway, "connection lifetime reached");
        } else if (awaiting_pong_since_ &&
                   now - *awaiting_pong_since_ >= std::chrono::milliseconds{settings.pong_timeout_ms}) {
          ++hub_.counters().pong_timeouts;
          close_with(websocket::kClosePolicyViolation, "pong timeout");
        }
      }
      if (!close_sent_) {
        if (now >= next_frames_) {
          append_frames(out);
          next_frames_ += period;
          if (next_frames_ <= now) next_frames_ = now + period;  // behind: skip, do not burst
        }
        if (now >= next_ping_) {
          websocket::append_frame(out, Opcode::ping, "");
          if (!awaiting_pong_since_) awaiting_pong_since_ = now;
          next_ping_ = now + std::chrono::milliseconds{settings.ping_interval_ms};
        }
        wake_at =
            std::min({next_frames_, next_ping_, opened_ + std::chrono::milliseconds{settings.lifetime_ms}});
        if (close_at_) wake_at = std::min(wake_at, *close_at_);
        if (awaiting_pong_since_)
          wake_at =
              std::min(wake_at, *awaiting_pong_since_ + std::chrono::milliseconds{settings.pong_timeout_ms});
      }
      out += replies_;  // the close frame, when one was just decided
      replies_.clear();
      if (close_sent_ && !close_deadline) close_deadline = now + kCloseHandshake;
    }
    if (close_deadline) {
      if (now >= *close_deadline) break;
      wake_at = std::min(wake_at, *close_deadline);
    }
    if (!out.empty()) {
      auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(out), kUseTuple);
      if (ec) break;
      continue;  // answers queued meanwhile go out at once
    }
    if (!faults_.empty() && now >= stalled_until_) continue;
    timer_.expires_at(wake_at);
    co_await timer_.async_wait(kUseTuple);
  }
  drop();
}

bool BinanceStreamSession::subscribed(const std::string& stream) const {
  std::lock_guard lock(streams_mutex_);
  return std::find(streams_.begin(), streams_.end(), stream) != streams_.end();
}

std::vector<std::string> BinanceStreamSession::streams_copy() const {
  std::lock_guard lock(streams_mutex_);
  return streams_;
}

nlohmann::json BinanceStreamSession::to_json() const {
  const auto streams = streams_copy();
  return {{"id", id_},
          {"peer", peer_},
          {"opened_ms", opened_ms_},
          {"age_ms", wall_ms() - opened_ms_},
          {"subscriptions", streams.size()},
          {"streams", streams}};
}

}  // namespace pricefeed::sandbox
