#include "host/http/HttpRequestReading.hpp"

#include <cstdint>
#include <string>

#include <boost/beast/http/error.hpp>

namespace pricefeed::host {

namespace http = boost::beast::http;

void limit_request_parser(HttpRequestParser& parser, const HttpServerSettings& settings) {
  parser.header_limit(static_cast<std::uint32_t>(settings.max_header_bytes));
  parser.body_limit(settings.max_body_bytes);
}

boost::beast::error_code checked_header_read(boost::beast::error_code error, std::size_t header_bytes,
                                             const HttpServerSettings& settings) {
  if (!error && header_bytes > settings.max_header_bytes) return http::error::header_limit;
  return error;
}

HttpServerResponse unreadable_request_response(boost::beast::error_code error,
                                               const HttpServerSettings& settings) {
  if (error == http::error::header_limit) {
    return error_response(http::status::request_header_fields_too_large,
                          "headers: larger than " + std::to_string(settings.max_header_bytes) + " bytes");
  }
  if (error == http::error::body_limit) {
    return error_response(
        http::status::payload_too_large,
        "body: larger than the limit of " + std::to_string(settings.max_body_bytes) + " bytes");
  }
  return error_response(http::status::bad_request, "request: not valid HTTP/1.1 (" + error.message() + ")");
}

}  // namespace pricefeed::host
