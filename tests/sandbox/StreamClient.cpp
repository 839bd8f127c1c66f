#include "tests/sandbox/StreamClient.hpp"

#include <future>
#include <stdexcept>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>

namespace pricefeed::sandbox::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

StreamClient::StreamClient(unsigned short port, const std::string& target) : ws_(ioc_) {
  beast::get_lowest_layer(ws_).connect({asio::ip::make_address("127.0.0.1"), port});
  ws_.handshake("127.0.0.1:" + std::to_string(port), target);
  ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
    if (kind == websocket::frame_type::ping) ++pings_;
    if (kind == websocket::frame_type::pong) ++pongs_;
  });
  read_next();
  thread_ = std::thread([this] { ioc_.run(); });
}

StreamClient::~StreamClient() {
  asio::post(ioc_, [this] {
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
  });
  thread_.join();
}

void StreamClient::read_next() {
  ws_.async_read(buffer_, [this](boost::system::error_code ec, std::size_t) {
    std::lock_guard lock(mutex_);
    if (ec) {
      Ending e;
      e.close_frame = ec == websocket::error::closed;
      e.code = static_cast<std::uint16_t>(ws_.reason().code);
      e.reason = std::string(ws_.reason().reason.data(), ws_.reason().reason.size());
      e.error = ec.message();
      ending_ = e;
      changed_.notify_all();
      return;
    }
    messages_.push_back(beast::buffers_to_string(buffer_.data()));
    buffer_.consume(buffer_.size());
    changed_.notify_all();
    read_next();
  });
}

void StreamClient::send(const std::string& text) {
  std::promise<boost::system::error_code> done;
  asio::post(ioc_, [&] {
    ws_.text(true);
    ws_.async_write(asio::buffer(text),
                    [&](boost::system::error_code ec, std::size_t) { done.set_value(ec); });
  });
  if (auto ec = done.get_future().get()) throw std::runtime_error("stream send failed: " + ec.message());
}

void StreamClient::ping() {
  std::promise<boost::system::error_code> done;
  asio::post(ioc_, [&] { ws_.async_ping({}, [&](boost::system::error_code ec) { done.set_value(ec); }); });
  if (auto ec = done.get_future().get()) throw std::runtime_error("stream ping failed: " + ec.message());
}

nlohmann::json StreamClient::request(const std::string& method, const nlohmann::json& params, std::int64_t id,
                                     Timeout timeout) {
  nlohmann::json message = {{"method", method}, {"id", id}};
  if (!params.is_null()) message["params"] = params;
  send(message.dump());
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mutex_);
  for (;;) {
    for (auto it = messages_.begin(); it != messages_.end(); ++it) {
      auto j = nlohmann::json::parse(*it, nullptr, false);
      if (j.is_object() && j.contains("id") && j["id"] == id) {
        messages_.erase(it);
        return j;
      }
    }
    if (ending_ || changed_.wait_until(lock, deadline) == std::cv_status::timeout)
      throw std::runtime_error("no answer to " + message.dump());
  }
}

std::optional<std::string> StreamClient::next(Timeout timeout) {
  std::unique_lock lock(mutex_);
  if (!changed_.wait_for(lock, timeout, [this] { return !messages_.empty() || ending_; }))
    return std::nullopt;
  if (messages_.empty()) return std::nullopt;
  std::string m = std::move(messages_.front());
  messages_.pop_front();
  return m;
}

void StreamClient::clear() {
  std::lock_guard lock(mutex_);
  messages_.clear();
}

std::optional<StreamClient::Ending> StreamClient::ended(Timeout timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [this] { return ending_.has_value(); });
  return ending_;
}

}  // namespace pricefeed::sandbox::testing
