#include "yahoo-api/YahooChartClient.hpp"

#include <pricefeed/error.hpp>
#include <pricefeed/url.hpp>

#include "upstream/BaseUrl.hpp"
#include "yahoo-api/YahooChartParser.hpp"
#include "yahoo-api/YahooErrorBody.hpp"

namespace pricefeed::yahoo {

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
  const std::string where = label_ + ": GET " + upstream::url_without_credentials(request.url);

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
                           yahoo_error_explanation(response.body) + ")");
  }
  if (status >= 500 || status == 408) {
    throw Error::transient(answered +
                           ", Yahoo is failing for now: " + yahoo_error_explanation(response.body));
  }
  if (status == 401 || status == 403) {
    // The chart endpoint needs neither cookie nor crumb, so a refusal means Yahoo blocks this client
    // (its User-Agent, its address, a consent wall). Retrying soon changes nothing; the job moves on
    // to the next source in the routing list.
    throw Error::permanent(answered +
                           ", Yahoo refuses this client (check user_agent, or whether Yahoo "
                           "blocks this address): " +
                           yahoo_error_explanation(response.body));
  }
  throw Error::permanent(answered + ": " + yahoo_error_explanation(response.body));
}

}  // namespace pricefeed::yahoo
