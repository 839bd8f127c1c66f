#include "tests/host/http/HttpServerTestClient.hpp"

#include <poll.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace pricefeed::host::testing {

namespace http = boost::beast::http;
namespace net = boost::asio;

HttpServerTestClient::HttpServerTestClient(std::uint16_t port) : socket_(io_) {
  socket_.connect({net::ip::make_address("127.0.0.1"), port});
}

TestResponse HttpServerTestClient::request(http::verb method, std::string_view target, std::string body,
                                           std::string_view authorization, std::string_view content_type) {
  http::request<http::string_body> request{method, target, 11};
  request.set(http::field::host, "127.0.0.1");
  if (!authorization.empty()) request.set(http::field::authorization, authorization);
  if (!content_type.empty() && !body.empty()) request.set(http::field::content_type, content_type);
  request.body() = std::move(body);
  request.prepare_payload();
  http::write(socket_, request);
  TestResponse response;
  http::read(socket_, buffer_, response);
  return response;
}

std::optional<TestResponse> HttpServerTestClient::send_raw(std::string_view bytes) {
  boost::system::error_code error;
  net::write(socket_, net::buffer(bytes.data(), bytes.size()), error);
  // A write error (the server closed early) still leaves its answer to read.
  TestResponse response;
  http::read(socket_, buffer_, response, error);
  if (error) return std::nullopt;
  return response;
}

bool HttpServerTestClient::send_without_reading(std::string_view bytes) {
  boost::system::error_code error;
  net::write(socket_, net::buffer(bytes.data(), bytes.size()), error);
  return !error;
}

bool HttpServerTestClient::closed_by_server(std::chrono::milliseconds timeout) {
  pollfd descriptor{socket_.native_handle(), POLLIN, 0};
  if (::poll(&descriptor, 1, static_cast<int>(timeout.count())) <= 0) return false;
  char byte = 0;
  boost::system::error_code error;
  const std::size_t read = socket_.read_some(net::buffer(&byte, 1), error);
  return read == 0 && error;
}

TestResponse http_request(std::uint16_t port, http::verb method, std::string_view target, std::string body,
                          std::string_view authorization) {
  HttpServerTestClient client(port);
  return client.request(method, target, std::move(body), authorization);
}

}  // namespace pricefeed::host::testing
