#include "host/http/RedirectPolicy.hpp"

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cstdint>

#include "host/redaction/UrlRedaction.hpp"
#include "host/text/AsciiText.hpp"

namespace pricefeed::host {

namespace {

template <std::size_t N>
void drop_headers(HttpHeaders& headers, const std::array<std::string_view, N>& names) {
  std::erase_if(headers, [&](const HttpHeader& header) {
    return std::any_of(names.begin(), names.end(),
                       [&](std::string_view name) { return equal_ignoring_ascii_case(header.name, name); });
  });
}

bool is_internal_v4(const boost::asio::ip::address_v4& address) {
  const std::uint32_t a = address.to_uint();
  const auto in = [a](std::uint32_t network, int prefix) {
    const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
    return (a & mask) == network;
  };
  return in(0x00000000, 8) ||   // 0.0.0.0/8: "this network"; 0.0.0.0 reaches the host itself
         in(0x0A000000, 8) ||   // 10/8
         in(0x64400000, 10) ||  // 100.64/10: carrier-grade NAT (and some clouds' metadata)
         in(0x7F000000, 8) ||   // 127/8: loopback
         in(0xA9FE0000, 16) ||  // 169.254/16: link-local, the metadata service
         in(0xAC100000, 12) ||  // 172.16/12
         in(0xC0A80000, 16) ||  // 192.168/16
         in(0xE0000000, 4) ||   // 224/4: multicast
         in(0xF0000000, 4);     // 240/4: reserved, and the broadcast address
}

}  // namespace

bool is_internal_address(const boost::asio::ip::address& address) {
  if (address.is_v4()) return is_internal_v4(address.to_v4());
  const boost::asio::ip::address_v6 v6 = address.to_v6();
  const boost::asio::ip::address_v6::bytes_type b = v6.to_bytes();
  const auto zero = [&b](std::size_t from, std::size_t to) {
    return std::all_of(b.begin() + static_cast<std::ptrdiff_t>(from),
                       b.begin() + static_cast<std::ptrdiff_t>(to), [](unsigned char c) { return c == 0; });
  };
  const auto embedded_v4 = [&b] {
    return boost::asio::ip::address_v4(boost::asio::ip::address_v4::bytes_type{b[12], b[13], b[14], b[15]});
  };
  if (v6.is_loopback() || v6.is_unspecified()) return true;
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated) and 64:ff9b::a.b.c.d (NAT64).
  if (zero(0, 10) && b[10] == 0xff && b[11] == 0xff) return is_internal_v4(embedded_v4());
  if (zero(0, 12)) return is_internal_v4(embedded_v4());
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && zero(4, 12))
    return is_internal_v4(embedded_v4());
  return (b[0] & 0xfe) == 0xfc ||                    // fc00::/7: unique local
         (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||  // fe80::/10: link-local
         (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) ||  // fec0::/10: site-local (deprecated)
         b[0] == 0xff;                               // ff00::/8: multicast
}

bool is_followed_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool redirect_keeps_method(int status, std::string_view method) {
  if (status == 307 || status == 308) return true;
  return method == "GET" || method == "HEAD";
}

std::optional<std::string> resolve_location(std::string_view base, std::string_view location,
                                            std::string& problem) {
  auto base_url = boost::urls::parse_uri(base);
  if (!base_url) {
    problem = "the redirecting URL is not absolute";
    return std::nullopt;
  }
  auto reference = boost::urls::parse_uri_reference(location);
  if (!reference) {
    problem = "redirect Location is not a valid URL (" + reference.error().message() + ")";
    return std::nullopt;
  }
  boost::urls::url resolved;
  auto outcome = boost::urls::resolve(*base_url, *reference, resolved);
  if (!outcome) {
    problem = "redirect Location cannot be resolved (" + outcome.error().message() + ")";
    return std::nullopt;
  }
  // A fragment is the client's business and never goes on the wire.
  resolved.remove_fragment();
  return std::string(resolved.buffer());
}

void drop_credentials(HttpHeaders& headers) {
  static constexpr std::array<std::string_view, 3> kCredentials{"Authorization", "Proxy-Authorization",
                                                                "Cookie"};
  drop_headers(headers, kCredentials);
  // API keys sent as headers (X-MBX-APIKEY, x-cg-demo-api-key ...) are credentials too.
  std::erase_if(headers, [](const HttpHeader& header) { return looks_secret(header.name); });
}

void drop_body_headers(HttpHeaders& headers) {
  static constexpr std::array<std::string_view, 2> kBodyHeaders{"Content-Type", "Content-Encoding"};
  drop_headers(headers, kBodyHeaders);
}

}  // namespace pricefeed::host
