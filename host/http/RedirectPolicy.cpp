#include "host/http/RedirectPolicy.hpp"

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

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

}  // namespace

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
