#pragma once

// What a caller asks HttpClient::send() for.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::host {

struct HttpHeader {
  std::string name;
  std::string value;
};

// In order, repeats allowed (Set-Cookie); names compare case-insensitively.
using HttpHeaders = std::vector<HttpHeader>;

// The value of the first header called `name` (any case), if any.
std::optional<std::string_view> find_header(const HttpHeaders& headers, std::string_view name);

struct HttpRequest {
  std::string method = "GET";  // empty means GET
  std::string url;             // absolute http:// or https:// URL, already escaped
  // Sent as given, except those the client owns: Host, Content-Length, Transfer-Encoding,
  // Connection, Keep-Alive, TE, Upgrade and Accept-Encoding. A User-Agent here replaces the
  // client's default.
  HttpHeaders headers;
  std::string body;
  // The bound on the whole call, redirects and retries included; zero means the client's default.
  std::chrono::milliseconds timeout{0};
};

}  // namespace pricefeed::host
