#pragma once

// The server the API server's tests run: loopback on a port the system picks, and a route table with
// one route of each behaviour a test needs.

#include <string>

#include "host/http/HttpServerSettings.hpp"
#include "host/http/Router.hpp"

namespace pricefeed::host::testing {

// 127.0.0.1:0, with a 5 s grace for requests in progress at stop().
HttpServerSettings loopback();

// GET /health (version 9.8.7, up 42 s), POST /echo (answers {"echo": body}; needs `token` when one is
// given), GET /slow (answers after 700 ms), GET /throws (its handler throws "boom").
Router router_with_test_routes(std::string token = {});

}  // namespace pricefeed::host::testing
