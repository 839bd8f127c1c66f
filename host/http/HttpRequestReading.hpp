#pragma once

// How the API server reads a request off a connection: the limits its Beast parser runs with, and the
// answer to a request that could not be read. HttpServerSession reads every request this way, and
// tests/fuzz/http_request_fuzz does too, so the fuzzer reads requests exactly as the server does.

#include <cstddef>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "host/http/HttpServerMessages.hpp"
#include "host/http/HttpServerSettings.hpp"

namespace pricefeed::host {

using HttpRequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Gives a fresh parser (one per request) the header and body limits of `settings`. Beast checks a
// Content-Length against the body limit while it parses the header, so an announced oversize body is
// refused before any of it is read.
void limit_request_parser(HttpRequestParser& parser, const HttpServerSettings& settings);

// `error` as it should be after reading a request's header of `header_bytes` bytes (what
// http::async_read_header reports as transferred): http::error::header_limit when the header is over
// the limit although Beast accepted it. Beast checks its header limit against the request line and the
// fields separately when a whole header arrives in one read (the usual case), so without this a
// header of up to twice max_header_bytes gets through (found by tests/fuzz/http_request_fuzz).
boost::beast::error_code checked_header_read(boost::beast::error_code error, std::size_t header_bytes,
                                             const HttpServerSettings& settings);

// The refusal of a request whose reading failed with `error` (other than the client going away):
//
//   header_limit    431 {"error": "headers: larger than 16384 bytes"}
//   body_limit      413 {"error": "body: larger than the limit of 1048576 bytes"}
//   anything else   400 {"error": "request: not valid HTTP/1.1 (bad method)"}
HttpServerResponse unreadable_request_response(boost::beast::error_code error,
                                               const HttpServerSettings& settings);

}  // namespace pricefeed::host
