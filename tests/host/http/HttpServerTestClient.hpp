#pragma once

// A plain blocking HTTP/1.1 client over a real socket, for the API server's tests: one connection,
// any number of requests on it (keep-alive), and raw bytes for what a well-behaved client never sends.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace pricefeed::host::testing {

using TestResponse = boost::beast::http::response<boost::beast::http::string_body>;

class HttpServerTestClient {
 public:
  // Connects to 127.0.0.1:port.
  explicit HttpServerTestClient(std::uint16_t port);

  // Sends the request on this connection and reads the answer. `content_type` empty: no header.
  TestResponse request(boost::beast::http::verb method, std::string_view target, std::string body = {},
                       std::string_view authorization = {},
                       std::string_view content_type = "application/json");
  TestResponse post_event(std::string body, std::string_view authorization = {}) {
    return request(boost::beast::http::verb::post, "/v1/events", std::move(body), authorization);
  }

  // Writes bytes as they are, then reads one response (nullopt when the server closed without one).
  std::optional<TestResponse> send_raw(std::string_view bytes);

  // Writes bytes as they are and reads nothing: a client that has not finished its request. False
  // when the server has closed the connection.
  bool send_without_reading(std::string_view bytes);

  // True when the server has closed this connection (a read returns end of stream within the timeout).
  bool closed_by_server(std::chrono::milliseconds timeout = std::chrono::seconds{5});

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

// One request on a new connection.
TestResponse http_request(std::uint16_t port, boost::beast::http::verb method, std::string_view target,
                          std::string body = {}, std::string_view authorization = {});

}  // namespace pricefeed::host::testing
