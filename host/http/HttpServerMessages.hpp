#pragma once

// The request and response types of the host's HTTP API, and the JSON answers every route shares.

#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>

namespace pricefeed::host {

using HttpServerRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpServerResponse = boost::beast::http::response<boost::beast::http::string_body>;

// `body` as application/json with the status; the server fills in keep-alive and the version. Every
// string in it goes through redact_text() first: whatever a route quotes (a plugin's error, the
// database's message, a stored error_message), no answer of the API carries a secret out.
HttpServerResponse json_response(boost::beast::http::status status, const nlohmann::json& body);

// {"error": message} with the status: every refusal of the API looks like this.
HttpServerResponse error_response(boost::beast::http::status status, std::string_view message);

}  // namespace pricefeed::host
