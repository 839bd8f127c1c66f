// The answer of every health route while the database cannot be read:
//
//   503 {"status": "unavailable", "reason": "database: cannot connect to PostgreSQL at ...: ..."}
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "host/http/HttpServerMessages.hpp"

namespace pricefeed::host {

// `what` says what failed, on one line (describe_database_error). `extra` members are added to the
// body (a route that still has something to say without the database, e.g. the rate limiters).
HttpServerResponse database_unavailable_response(std::string_view what,
                                                 const nlohmann::json& extra = nlohmann::json::object());

}  // namespace pricefeed::host
