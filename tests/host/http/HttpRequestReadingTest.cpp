// The server's request parser limits and its refusals of requests it cannot read.

#include "host/http/HttpRequestReading.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

namespace pricefeed::host {
namespace {

namespace http = boost::beast::http;

// What parsing `bytes` with the limits of `settings` stops at (success once the message is complete).
boost::beast::error_code parse(std::string_view bytes, const HttpServerSettings& settings) {
  HttpRequestParser parser;
  limit_request_parser(parser, settings);
  boost::beast::error_code error;
  parser.eager(true);
  parser.put(boost::asio::buffer(bytes.data(), bytes.size()), error);
  return error;
}

TEST(HttpRequestReading, AnAnnouncedBodyOverTheLimitIsRefusedWith413BeforeItIsRead) {
  const HttpServerSettings settings{.max_body_bytes = 10};
  const auto error = parse("POST /v1/events HTTP/1.1\r\nContent-Length: 11\r\n\r\n", settings);
  ASSERT_EQ(error, http::error::body_limit);
  const HttpServerResponse response = unreadable_request_response(error, settings);
  EXPECT_EQ(response.result(), http::status::payload_too_large);
  EXPECT_EQ(response.body(), R"({"error":"body: larger than the limit of 10 bytes"})");
}

TEST(HttpRequestReading, HeadersOverTheLimitAreRefusedWith431) {
  const HttpServerSettings settings{.max_header_bytes = 64};
  const auto error = parse("GET /health HTTP/1.1\r\nCookie: " + std::string(64, 'c') + "\r\n\r\n", settings);
  ASSERT_EQ(error, http::error::header_limit);
  const HttpServerResponse response = unreadable_request_response(error, settings);
  EXPECT_EQ(response.result(), http::status::request_header_fields_too_large);
  EXPECT_EQ(response.body(), R"({"error":"headers: larger than 64 bytes"})");
}

TEST(HttpRequestReading, AHeaderOverTheLimitArrivingInOneReadIsRefusedWith431) {
  // Found by http_request_fuzz: Beast holds the request line and the fields to the limit separately
  // when the whole header is in one buffer, so this 105-byte header passes its limit of 64.
  const HttpServerSettings settings{.max_header_bytes = 64};
  const std::string header =
      "GET /health?" + std::string(30, 'q') + " HTTP/1.1\r\nCookie: " + std::string(40, 'c') + "\r\n\r\n";
  HttpRequestParser parser;
  limit_request_parser(parser, settings);
  boost::beast::error_code error;
  const std::size_t header_bytes = parser.put(boost::asio::buffer(header.data(), header.size()), error);
  ASSERT_FALSE(error) << "Beast now refuses this header itself: " << error.message();
  ASSERT_EQ(header_bytes, header.size());
  EXPECT_EQ(checked_header_read(error, header_bytes, settings), http::error::header_limit);
  EXPECT_FALSE(checked_header_read(error, 64, settings));
}

TEST(HttpRequestReading, ARequestWithinTheLimitsIsRead) {
  const HttpServerSettings settings{.max_body_bytes = 2, .max_header_bytes = 64};
  EXPECT_FALSE(parse("POST /v1/events HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}", settings));
}

TEST(HttpRequestReading, MalformedHttpIsRefusedWith400NamingBeastsReason) {
  const HttpServerSettings settings;
  const auto error = parse("GE(T /health HTTP/1.1\r\n\r\n", settings);
  ASSERT_TRUE(error);
  const HttpServerResponse response = unreadable_request_response(error, settings);
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_NE(response.body().find("request: not valid HTTP/1.1 ("), std::string::npos) << response.body();
}

}  // namespace
}  // namespace pricefeed::host
