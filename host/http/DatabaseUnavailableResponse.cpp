#include "host/http/DatabaseUnavailableResponse.hpp"

#include <string>

namespace pricefeed::host {

HttpServerResponse database_unavailable_response(std::string_view what, const nlohmann::json& extra) {
  nlohmann::json body = extra;
  body["status"] = "unavailable";
  body["reason"] = "database: " + std::string(what);
  return json_response(boost::beast::http::status::service_unavailable, body);
}

}  // namespace pricefeed::host
