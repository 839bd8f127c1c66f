#include "host/http/HttpServerListenAddress.hpp"

#include <charconv>
#include <stdexcept>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>

namespace pricefeed::host {

namespace {

[[noreturn]] void refuse(std::string_view listen, std::string_view why) {
  throw std::invalid_argument("http.listen \"" + std::string(listen) + "\": " + std::string(why));
}

}  // namespace

boost::asio::ip::tcp::endpoint resolve_listen_address(std::string_view listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string_view::npos) refuse(listen, "expected HOST:PORT, e.g. 127.0.0.1:8080");
  std::string_view host = listen.substr(0, colon);
  const std::string_view port_text = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) refuse(listen, "the host is missing (use 0.0.0.0 to listen on every interface)");

  unsigned port = 0;
  const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || error != std::errc{} || end != port_text.data() + port_text.size() ||
      port > 65535) {
    refuse(listen, "the port must be a number from 0 to 65535");
  }

  boost::system::error_code parse_error;
  const auto address = boost::asio::ip::make_address(std::string(host), parse_error);
  if (!parse_error) return {address, static_cast<unsigned short>(port)};

  boost::asio::io_context io;
  boost::asio::ip::tcp::resolver resolver(io);
  boost::system::error_code resolve_error;
  const auto results = resolver.resolve(std::string(host), std::string(port_text), resolve_error);
  if (resolve_error || results.empty()) {
    refuse(listen, "cannot resolve \"" + std::string(host) + "\": " + resolve_error.message());
  }
  return results.begin()->endpoint();
}

}  // namespace pricefeed::host
