#include "host/http/HttpServerMessages.hpp"

#include <boost/beast/http/field.hpp>

#include "host/redaction/TextRedaction.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;

namespace {

// Every string value, at any depth, redacted. Done on the values before dump(), not on the dumped
// text, so that a secret is matched as written and a replacement cannot break the JSON's escaping.
nlohmann::json redacted(const nlohmann::json& value) {
  if (value.is_string()) return redact_text(value.get_ref<const std::string&>());
  if (!value.is_structured()) return value;
  nlohmann::json copy = value;
  for (auto& item : copy)
    item = redacted(item);
  return copy;
}

}  // namespace

HttpServerResponse json_response(http::status status, const nlohmann::json& body) {
  HttpServerResponse response{status, 11};
  response.set(http::field::content_type, "application/json");
  response.set(http::field::cache_control, "no-store");
  // Invalid UTF-8 in an echoed value must not turn a 400 into a failed dump: replace it.
  response.body() = redacted(body).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.prepare_payload();
  return response;
}

HttpServerResponse error_response(http::status status, std::string_view message) {
  return json_response(status, nlohmann::json{{"error", message}});
}

}  // namespace pricefeed::host
