#include "yahoo/YahooSourceConfig.hpp"

#include <string_view>

#include <pricefeed/error.hpp>

namespace pricefeed::yahoo {

namespace {

// A base URL is trusted configuration that every request URL starts with; refuse anything that is
// not plainly http(s) at start-up rather than on the first job.
std::string checked_base_url(const std::string& key, const std::string& url) {
  const std::string_view view(url);
  const bool http = view.substr(0, 7) == "http://" && view.size() > 7;
  const bool https = view.substr(0, 8) == "https://" && view.size() > 8;
  if (!http && !https) {
    throw Error::invalid_config(key + ": expected an http:// or https:// URL, got '" + url + "'");
  }
  if (url.find_first_of("?#") != std::string::npos) {
    throw Error::invalid_config(key + ": must not contain a query or fragment, got '" + url + "'");
  }
  return url;
}

}  // namespace

YahooSourceConfig YahooSourceConfig::from(const Config& config) {
  YahooSourceConfig out;
  out.base_url = checked_base_url("base_url", config.required_string("base_url"));
  // Absent or empty: the same host as the chart endpoint, which is where Yahoo serves the crumb.
  const std::string crumb_base_url = config.string("crumb_base_url");
  out.crumb_base_url =
      crumb_base_url.empty() ? out.base_url : checked_base_url("crumb_base_url", crumb_base_url);
  out.user_agent = config.string("user_agent", kBrowserUserAgent);
  if (out.user_agent.empty()) throw Error::invalid_config("user_agent: must not be empty");
  if (out.user_agent.find_first_of("\r\n") != std::string::npos) {
    throw Error::invalid_config("user_agent: must be a single line");
  }
  return out;
}

}  // namespace pricefeed::yahoo
