#include "yahoo-api/YahooCrumbSession.hpp"

#include <string_view>
#include <vector>

#include <pricefeed/error.hpp>
#include <pricefeed/url.hpp>

#include "upstream/BaseUrl.hpp"
#include "upstream/BodyExcerpt.hpp"
#include "yahoo-api/YahooErrorBody.hpp"

namespace pricefeed::yahoo {

namespace {

bool same_ascii_case_insensitive(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

// Visible ASCII except ';' and ',' (RFC 6265 cookie-octets, '"' allowed for quoted values): anything
// else could split or corrupt the Cookie header we send back.
bool is_cookie_text(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F || c == ';' || c == ',' || c == '\\') return false;
  }
  return true;
}

// "A3=d=AQABBK...; A1=..." from every Set-Cookie header: the name=value part before the attributes.
// Cookies being deleted (empty value) are left out.
std::string cookie_header_from(const HttpResponse& response) {
  std::string cookie;
  for (const auto& [name, value] : response.headers) {
    if (!same_ascii_case_insensitive(name, "Set-Cookie")) continue;
    const std::string_view pair = trimmed(std::string_view(value).substr(0, value.find(';')));
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0 || equals + 1 == pair.size()) continue;
    if (!is_cookie_text(pair.substr(0, equals)) || !is_cookie_text(pair.substr(equals + 1))) continue;
    if (!cookie.empty()) cookie += "; ";
    cookie += pair;
  }
  return cookie;
}

// Yahoo's crumbs are short runs of letters, digits and a few symbols ("haT3oykhHqZ", "Zx9.q/aB1");
// anything with spaces, markup or a JSON brace is an error page, not a crumb.
bool looks_like_crumb(std::string_view crumb) {
  if (crumb.empty() || crumb.size() > 64) return false;
  for (char c : crumb) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F || c == '<' || c == '>' || c == '{' || c == '}' || c == '"')
      return false;
  }
  return true;
}

}  // namespace

YahooCredentials YahooCrumbSession::current(const Host& host) const {
  if (const std::optional<std::string> cached = host.cache_get(kCacheKey)) {
    const auto newline = cached->find('\n');
    if (newline != std::string::npos && newline > 0 && newline + 1 < cached->size()) {
      return {cached->substr(0, newline), cached->substr(newline + 1)};
    }
  }
  return renew(host);
}

YahooCredentials YahooCrumbSession::renew(const Host& host) const {
  YahooCredentials credentials;
  credentials.cookie = fetch_cookie(host);
  credentials.crumb = fetch_crumb(host, credentials.cookie);
  host.cache_put(kCacheKey, credentials.cookie + "\n" + credentials.crumb, kTimeToLive);
  host.log(LogLevel::info, label_ + ": new Yahoo quote session (cookie and crumb)",
           {{"cookie_host", upstream::url_host(config_.crumb_base_url)}});
  return credentials;
}

std::string YahooCrumbSession::fetch_cookie(const Host& host) const {
  HttpRequest request;
  request.url = Url(config_.crumb_base_url).path("/").str();
  request.headers = {{"User-Agent", config_.user_agent}, {"Accept", "text/html,*/*"}};
  const std::string where = label_ + ": GET " + upstream::url_without_credentials(request.url);

  // fc.yahoo.com answers 404 and sets the cookie all the same: the status says nothing here.
  const HttpResponse response = host.http(request);
  std::string cookie = cookie_header_from(response);
  if (!cookie.empty()) return cookie;

  const std::string what = where + " answered HTTP " + std::to_string(response.status) +
                           " without a usable Set-Cookie header, so Yahoo's quote crumb cannot be had";
  if (response.status >= 500 || response.status == 408) {
    throw Error::transient(what + " (Yahoo is failing for now): " + yahoo_error_explanation(response.body));
  }
  throw Error::permanent(what +
                         " (crumb_base_url must be Yahoo's cookie host, https://fc.yahoo.com; Yahoo may "
                         "also be showing this address a consent page): " +
                         upstream::body_excerpt(response.body));
}

std::string YahooCrumbSession::fetch_crumb(const Host& host, const std::string& cookie) const {
  HttpRequest request;
  request.url = Url(config_.base_url).path("/v1/test/getcrumb").str();
  request.headers = {{"User-Agent", config_.user_agent}, {"Accept", "text/plain,*/*"}, {"Cookie", cookie}};
  const std::string where = label_ + ": GET " + upstream::url_without_credentials(request.url);

  const HttpResponse response = host.http(request);
  const std::string answered = where + " answered HTTP " + std::to_string(response.status);
  if (response.status == 200) {
    const std::string_view crumb = trimmed(response.body);
    if (looks_like_crumb(crumb)) return std::string(crumb);
    // Never quote a body that might be the crumb itself: only its length when it has no markup.
    const bool markup = response.body.find_first_of("<{") != std::string::npos;
    throw Error::permanent(answered + " with something that is not a crumb (" +
                           (markup ? upstream::body_excerpt(response.body)
                                   : std::to_string(response.body.size()) + " bytes of text") +
                           ")");
  }
  if (response.status >= 500 || response.status == 408) {
    throw Error::transient(answered +
                           ", Yahoo is failing for now: " + yahoo_error_explanation(response.body));
  }
  if (response.status == 401 || response.status == 403) {
    throw Error::permanent(answered + ": Yahoo refused the cookie from " +
                           upstream::url_without_credentials(config_.crumb_base_url) + " (" +
                           yahoo_error_explanation(response.body) + ")");
  }
  throw Error::permanent(answered + ": " + yahoo_error_explanation(response.body));
}

}  // namespace pricefeed::yahoo
