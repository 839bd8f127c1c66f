#include "upstream/BaseUrl.hpp"

#include <algorithm>
#include <string_view>

#include <pricefeed/error.hpp>

namespace pricefeed::upstream {

namespace {

// `url` when it starts with one of the two schemes and has something after it, and has no query or
// fragment; otherwise Error::invalid_config naming `key`, what was expected and the value.
std::string checked_url(const std::string& key, const std::string& url, std::string_view scheme,
                        std::string_view secure_scheme, std::string_view expected) {
  const std::string_view view(url);
  const auto has_scheme = [&](std::string_view s) { return view.starts_with(s) && view.size() > s.size(); };
  if (!has_scheme(scheme) && !has_scheme(secure_scheme)) {
    throw Error::invalid_config(key + ": expected " + std::string(expected) + ", got '" +
                                url_without_credentials(url) + "'");
  }
  if (url.find_first_of("?#") != std::string::npos) {
    throw Error::invalid_config(key + ": must not contain a query or fragment, got '" +
                                url_without_credentials(url) + "'");
  }
  return url;
}

}  // namespace

std::string checked_base_url(const std::string& key, const std::string& url) {
  return checked_url(key, url, "http://", "https://", "an http:// or https:// URL");
}

std::string checked_stream_url(const std::string& key, const std::string& url) {
  return checked_url(key, url, "ws://", "wss://", "a ws:// or wss:// URL");
}

std::string url_without_credentials(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto authority = scheme_end + 3;
  const auto authority_end = url.find_first_of("/?#", authority);
  const auto at = url.rfind('@', authority_end == std::string::npos ? url.size() : authority_end);
  if (at == std::string::npos || at < authority) return url;
  return url.substr(0, authority) + url.substr(at + 1);
}

std::string url_host(const std::string& url) {
  const std::string bare = url_without_credentials(url);
  const auto scheme_end = bare.find("://");
  if (scheme_end == std::string::npos) return {};
  const auto begin = scheme_end + 3;
  const auto end = std::min(bare.find_first_of("/?#", begin), bare.size());
  std::string host = bare.substr(begin, end - begin);
  if (!host.empty() && host.front() == '[') {  // [::1]:8080
    host = host.substr(0, host.find(']') + 1);
  } else if (const auto colon = host.find(':'); colon != std::string::npos) {
    host.resize(colon);
  }
  for (char& c : host) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return host;
}

}  // namespace pricefeed::upstream
