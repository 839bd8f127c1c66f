#include "host/http/HttpClientError.hpp"

namespace pricefeed::host {

std::string_view to_string(HttpErrorKind kind) noexcept {
  switch (kind) {
    case HttpErrorKind::dns:
      return "dns";
    case HttpErrorKind::connect:
      return "connect";
    case HttpErrorKind::tls:
      return "tls";
    case HttpErrorKind::timeout:
      return "timeout";
    case HttpErrorKind::reset:
      return "reset";
    case HttpErrorKind::truncated:
      return "truncated";
    case HttpErrorKind::too_many_redirects:
      return "too_many_redirects";
    case HttpErrorKind::bad_url:
      return "bad_url";
    case HttpErrorKind::bad_request:
      return "bad_request";
    case HttpErrorKind::too_large:
      return "too_large";
    case HttpErrorKind::bad_response:
      return "bad_response";
  }
  return "unknown";
}

namespace {

std::string describe(HttpErrorKind kind, const std::string& method, const std::string& url,
                     const std::string& problem) {
  std::string message = method;
  message += ' ';
  message += url;
  message += " failed (";
  message += to_string(kind);
  message += "): ";
  message += problem;
  return message;
}

}  // namespace

HttpError::HttpError(HttpErrorKind kind, std::string method, std::string redacted_url, std::string problem)
    : std::runtime_error(describe(kind, method, redacted_url, problem)),
      kind_(kind),
      method_(std::move(method)),
      url_(std::move(redacted_url)),
      problem_(std::move(problem)) {}

}  // namespace pricefeed::host
