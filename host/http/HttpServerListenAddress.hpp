#pragma once

// Turns [http].listen ("127.0.0.1:8080", "[::1]:8080", "localhost:8080") into the endpoint to bind.

#include <string_view>

#include <boost/asio/ip/tcp.hpp>

namespace pricefeed::host {

// Throws std::invalid_argument naming the value when it is not HOST:PORT or the host does not
// resolve; a name resolving to several addresses binds the first.
boost::asio::ip::tcp::endpoint resolve_listen_address(std::string_view listen);

}  // namespace pricefeed::host
