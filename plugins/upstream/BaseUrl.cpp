#include "upstream/BaseUrl.hpp"

#include <algorithm>
#include <string_view>

#include <pricefeed/error.hpp>

namespace pricefeed::upstream {

std::string checked_base_url(const std::string& key, const std::string& url) {
  const std::string_view view(url);
  const bool http = view.substr(0, 7) == "http://" && view.size() > 7;
  const bool https = view.substr(0, 8) == "https://" && view.size() > 8;
  if (!http && !https) {
    throw Error::invalid_config(key + ": expected an http:// or https:// URL, got '" +
                                url_without_credentials(url) + "'");
  }
  if (url.find_first_of("?#") != std::string::npos) {
    throw Error::invalid_config(key + ": must not contain a query or fragment, got '" +
                                url_without_credentials(url) + "'");
  }
  return url;
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
