#include "host/http/HttpClientUrl.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>

namespace pricefeed::host {

bool HttpOrigin::is_ip_literal() const {
  boost::system::error_code error;
  boost::asio::ip::make_address(host, error);
  return !error;
}

std::string HttpOrigin::to_string() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return scheme + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<HttpUrl> parse_http_url(std::string_view text, std::string& problem) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) {
    problem = "not an absolute URL (" + parsed.error().message() + ")";
    return std::nullopt;
  }
  boost::urls::url url(*parsed);
  url.normalize_scheme();
  url.remove_fragment();

  HttpUrl result;
  result.origin.scheme = std::string(url.scheme());
  if (result.origin.scheme != "http" && result.origin.scheme != "https") {
    problem = "unsupported scheme \"" + result.origin.scheme + "\" (only http and https)";
    return std::nullopt;
  }
  if (url.has_userinfo()) {
    problem = "credentials in the URL are not supported; send them in a header";
    return std::nullopt;
  }
  if (url.host_type() == boost::urls::host_type::none || url.encoded_host().empty()) {
    problem = "no host";
    return std::nullopt;
  }
  if (url.host_type() == boost::urls::host_type::ipvfuture) {
    problem = "unsupported IP literal";
    return std::nullopt;
  }
  std::string host = url.host_address();
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (host.find_first_of(" \t\r\n/\\@") != std::string::npos || host.find('\0') != std::string::npos) {
    problem = "invalid characters in the host name";
    return std::nullopt;
  }
  result.origin.host = host;

  const std::uint16_t default_port = result.origin.uses_tls() ? 443 : 80;
  if (url.has_port()) {
    if (url.port().empty()) {
      result.origin.port = default_port;
    } else if (url.port_number() == 0) {
      problem = "invalid port \"" + std::string(url.port()) + "\"";
      return std::nullopt;
    } else {
      result.origin.port = url.port_number();
    }
  } else {
    result.origin.port = default_port;
  }

  result.target = std::string(url.encoded_path());
  if (result.target.empty()) result.target = "/";
  if (url.has_query()) result.target += "?" + std::string(url.encoded_query());

  const bool ipv6 = url.host_type() == boost::urls::host_type::ipv6;
  result.host_header = ipv6 ? "[" + host + "]" : host;
  if (result.origin.port != default_port) result.host_header += ":" + std::to_string(result.origin.port);
  result.text = std::string(url.buffer());
  return result;
}

}  // namespace pricefeed::host
