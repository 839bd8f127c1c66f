#include "yahoo-api/YahooEndpointConfig.hpp"

#include <string_view>

#include <pricefeed/error.hpp>

#include "upstream/BaseUrl.hpp"

namespace pricefeed::yahoo {

namespace {

bool is_yahoo_finance_host(const std::string& url) {
  constexpr std::string_view kSuffix = ".finance.yahoo.com";
  const std::string host = upstream::url_host(url);
  return host.size() > kSuffix.size() &&
         std::string_view(host).substr(host.size() - kSuffix.size()) == kSuffix;
}

}  // namespace

YahooEndpointConfig YahooEndpointConfig::from(const Config& config) {
  YahooEndpointConfig out;
  out.base_url = upstream::checked_base_url("base_url", config.required_string("base_url"));
  const std::string crumb_base_url = config.string("crumb_base_url");
  if (!crumb_base_url.empty()) {
    out.crumb_base_url = upstream::checked_base_url("crumb_base_url", crumb_base_url);
  } else {
    // Yahoo hands the cookie out on a host of its own; anything else standing in for Yahoo (the
    // sandbox, a recording proxy) is expected to serve it next to the API.
    out.crumb_base_url = is_yahoo_finance_host(out.base_url) ? kYahooCookieUrl : out.base_url;
  }
  out.user_agent = config.string("user_agent", kBrowserUserAgent);
  if (out.user_agent.empty()) throw Error::invalid_config("user_agent: must not be empty");
  for (char c : out.user_agent) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      throw Error::invalid_config("user_agent: must be a single line of printable text");
    }
  }
  return out;
}

}  // namespace pricefeed::yahoo
