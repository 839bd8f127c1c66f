#include "yahoo/YahooChartClient.hpp"

#include <string_view>

#include <nlohmann/json.hpp>
#include <pricefeed/error.hpp>
#include <pricefeed/url.hpp>

#include "chart/BodyExcerpt.hpp"
#include "chart/YahooChartParser.hpp"

namespace pricefeed::yahoo {

namespace {

// base_url is trusted configuration, but it could still hold credentials for a proxy
// (https://user:secret@host): messages name the URL without them.
std::string without_credentials(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto authority = scheme_end + 3;
  const auto authority_end = url.find('/', authority);
  const auto at = url.rfind('@', authority_end == std::string::npos ? url.size() : authority_end);
  if (at == std::string::npos || at < authority) return url;
  return url.substr(0, authority) + url.substr(at + 1);
}

// Yahoo explains most refusals in chart.error.description; quote it when the body has one.
std::string yahoo_explanation(std::string_view body) {
  const nlohmann::json document = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_object()) {
    const auto chart = document.find("chart");
    if (chart != document.end() && chart->is_object()) {
      const auto error = chart->find("error");
      if (error != chart->end() && error->is_object()) {
        auto text = [&](const char* key) {
          const auto value = error->find(key);
          return (value != error->end() && value->is_string()) ? value->get<std::string>() : std::string();
        };
        const std::string code = text("code");
        const std::string description = text("description");
        if (!code.empty() || !description.empty()) return "'" + code + "': " + description;
      }
    }
  }
  return body_excerpt(body);
}

}  // namespace

std::string YahooChartClient::chart_url(const std::string& ticker, Resolution resolution,
                                        const ChartRequestWindow& window) const {
  return Url(config_.base_url)
      .path("/v8/finance/chart")
      .segment(ticker)
      .query("period1", window.period1)
      .query("period2", window.period2)
      .query("interval", yahoo_interval(resolution))
      .query("includePrePost", "false")
      .query("events", "div|split")
      .str();
}

YahooChart YahooChartClient::fetch(const Host& host, const std::string& ticker, Resolution resolution,
                                   const ChartRequestWindow& window) const {
  HttpRequest request;
  request.url = chart_url(ticker, resolution, window);
  request.headers = {{"User-Agent", config_.user_agent}, {"Accept", "application/json"}};
  const std::string where = "yahoo: GET " + without_credentials(request.url);

  // Rate limits and network failures throw from here, already explained by the host.
  const HttpResponse response = host.http(request);
  const int status = response.status;
  const std::string answered = where + " answered HTTP " + std::to_string(status);

  if (status == 200) {
    try {
      return YahooChartParser(resolution).parse_text(response.body);
    } catch (const Error& e) {
      if (e.status() == Status::not_found) {
        throw Error::not_found(where + ": Yahoo does not know '" + ticker + "': " + e.what());
      }
      throw Error(e.status(), where + ": " + e.what());
    }
  }
  if (status == 404) {
    throw Error::not_found(where + ": Yahoo does not know '" + ticker + "' (HTTP 404 " +
                           yahoo_explanation(response.body) + ")");
  }
  if (status >= 500 || status == 408) {
    throw Error::transient(answered + ", Yahoo is failing for now: " + yahoo_explanation(response.body));
  }
  if (status == 401 || status == 403) {
    // The chart endpoint needs neither cookie nor crumb, so a refusal means Yahoo blocks this client
    // (its User-Agent, its address, a consent wall). Retrying soon changes nothing; the job moves on
    // to the next source in the routing list.
    throw Error::permanent(answered +
                           ", Yahoo refuses this client (check user_agent, or whether Yahoo "
                           "blocks this address): " +
                           yahoo_explanation(response.body));
  }
  throw Error::permanent(answered + ": " + yahoo_explanation(response.body));
}

}  // namespace pricefeed::yahoo
