#include "host/redaction/UrlRedaction.hpp"

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "host/text/AsciiText.hpp"

namespace pricefeed::host {

namespace {

constexpr std::array<std::string_view, 10> kSecretNameParts{
    "key", "token", "secret", "pass", "pwd", "auth", "sig", "crumb", "session", "credential"};

// For text that is not a URL at all: keep what is safe to show.
std::string redact_unparseable(std::string_view url) {
  std::string shown;
  const std::size_t scheme_end = url.find("://");
  std::string_view rest = url;
  if (scheme_end != std::string_view::npos) {
    shown.append(url.substr(0, scheme_end + 3));
    rest = url.substr(scheme_end + 3);
  }
  const std::size_t at = rest.find('@');
  const std::size_t path = rest.find_first_of("/?#");
  if (at != std::string_view::npos && (path == std::string_view::npos || at < path)) {
    shown.append(kRedacted).append("@");
    rest = rest.substr(at + 1);
  }
  const std::size_t query = rest.find_first_of("?#");
  shown.append(rest.substr(0, query));
  if (query != std::string_view::npos) shown.append("?").append(kRedacted);
  return shown;
}

}  // namespace

bool looks_secret(std::string_view name) {
  const std::string lower = ascii_lowercase(name);
  return std::any_of(kSecretNameParts.begin(), kSecretNameParts.end(),
                     [&](std::string_view part) { return lower.find(part) != std::string::npos; });
}

std::string redact_url(std::string_view url) {
  auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) return redact_unparseable(url);

  boost::urls::url redacted(*parsed);
  if (redacted.has_userinfo()) redacted.set_encoded_userinfo(kRedacted);
  if (redacted.has_query()) {
    std::string query;
    bool first = true;
    for (const auto& param : redacted.encoded_params()) {
      if (!first) query += '&';
      first = false;
      query.append(param.key.data(), param.key.size());
      if (!param.has_value) continue;
      query += '=';
      // Keys are compared decoded, so api%5Fkey is caught too.
      if (looks_secret(param.key.decode())) {
        query.append(kRedacted);
      } else {
        query.append(param.value.data(), param.value.size());
      }
    }
    redacted.set_encoded_query(query);
  }
  return std::string(redacted.buffer());
}

}  // namespace pricefeed::host
