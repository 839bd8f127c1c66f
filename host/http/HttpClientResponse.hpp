#pragma once

// What HttpClient::send() answers: any HTTP status, with the body already decoded.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "host/http/HttpClientRequest.hpp"

namespace pricefeed::host {

struct HttpResponse {
  int status = 0;
  // As received from the server, Content-Encoding included, although `body` is decoded.
  HttpHeaders headers;
  std::string body;                               // gzip and deflate already decoded
  std::string url;                                // the URL that answered, after any redirects
  std::chrono::steady_clock::duration elapsed{};  // the whole call, redirects included

  std::optional<std::string_view> header(std::string_view name) const { return find_header(headers, name); }
};

}  // namespace pricefeed::host
