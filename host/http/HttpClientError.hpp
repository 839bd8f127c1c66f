#pragma once

// The one exception HttpClient::send() reports failures with. An HTTP answer of any status is not
// an error here: only not getting a complete, trustworthy answer is. what() names the method, the
// URL with its secrets redacted, what kind of failure it was and what exactly failed, e.g.
//   GET https://api.example.com/v3/coins?x_cg_demo_api_key=REDACTED failed (timeout): no complete
//   response within 200 ms

#include <stdexcept>
#include <string>
#include <string_view>

namespace pricefeed::host {

enum class HttpErrorKind {
  dns,                 // the host name did not resolve
  connect,             // no TCP connection (refused, unreachable)
  tls,                 // TLS handshake failed, including certificate or host-name verification
  timeout,             // connect or response did not complete in time
  reset,               // the connection was reset or closed before a response arrived
  truncated,           // the connection ended in the middle of a response
  too_many_redirects,  // more redirects than the client's bound
  bad_url,             // the URL (or a redirect's Location) is unusable or unsupported
  bad_request,         // the request itself is malformed (method or header with forbidden characters)
  too_large,           // the response (headers, body, or decoded body) exceeds the client's limit
  bad_response,        // the response is not valid HTTP, or its body cannot be decoded
};

std::string_view to_string(HttpErrorKind kind) noexcept;

class HttpError : public std::runtime_error {
 public:
  // `redacted_url` must already have its secrets removed (see redact_url()).
  HttpError(HttpErrorKind kind, std::string method, std::string redacted_url, std::string problem);

  HttpErrorKind kind() const noexcept { return kind_; }
  const std::string& method() const noexcept { return method_; }
  const std::string& url() const noexcept { return url_; }
  const std::string& problem() const noexcept { return problem_; }

 private:
  HttpErrorKind kind_;
  std::string method_;
  std::string url_;
  std::string problem_;
};

}  // namespace pricefeed::host
