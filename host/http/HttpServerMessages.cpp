#include "host/http/HttpServerMessages.hpp"

#include <boost/beast/http/field.hpp>

namespace pricefeed::host {

namespace http = boost::beast::http;

HttpServerResponse json_response(http::status status, const nlohmann::json& body) {
  HttpServerResponse response{status, 11};
  response.set(http::field::content_type, "application/json");
  response.set(http::field::cache_control, "no-store");
  // Invalid UTF-8 in an echoed value must not turn a 400 into a failed dump: replace it.
  response.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.prepare_payload();
  return response;
}

HttpServerResponse error_response(http::status status, std::string_view message) {
  return json_response(status, nlohmann::json{{"error", message}});
}

}  // namespace pricefeed::host
