#include "yahoo-api/YahooQuoteClient.hpp"

#include <pricefeed/error.hpp>
#include <pricefeed/url.hpp>

#include "upstream/BaseUrl.hpp"
#include "yahoo-api/YahooErrorBody.hpp"
#include "yahoo-api/YahooQuoteParser.hpp"

namespace pricefeed::yahoo {

namespace {

std::string joined(const std::vector<std::string>& tickers) {
  std::string out;
  for (const std::string& ticker : tickers) {
    if (!out.empty()) out += ',';
    out += ticker;
  }
  return out;
}

}  // namespace

YahooQuoteAnswer YahooQuoteClient::fetch(const Host& host, const std::vector<std::string>& tickers) const {
  if (tickers.empty() || tickers.size() > kMaxBatch) {
    throw Error::permanent(label_ + ": asked Yahoo for " + std::to_string(tickers.size()) +
                           " quotes at once; a request takes 1 to " + std::to_string(kMaxBatch));
  }
  const std::string symbols = joined(tickers);
  // The URL as messages show it: the crumb is a credential.
  const std::string where = label_ + ": GET " +
                            upstream::url_without_credentials(Url(config_.base_url)
                                                                  .path("/v7/finance/quote")
                                                                  .query("symbols", symbols)
                                                                  .query("crumb", "REDACTED")
                                                                  .str());

  auto ask = [&](const YahooCredentials& credentials) {
    HttpRequest request;
    request.url = Url(config_.base_url)
                      .path("/v7/finance/quote")
                      .query("symbols", symbols)
                      .query("crumb", credentials.crumb)
                      .str();
    request.headers = {
        {"User-Agent", config_.user_agent}, {"Accept", "application/json"}, {"Cookie", credentials.cookie}};
    return host.http(request);
  };

  HttpResponse response = ask(session_.current(host));
  if (response.status == 401) {
    // Yahoo dropped the crumb (they do, without notice): one new session, one more try.
    host.log(LogLevel::info, label_ + ": Yahoo refused the quote crumb (HTTP 401); renewing the session");
    response = ask(session_.renew(host));
    if (response.status == 401) {
      throw Error::permanent(where +
                             " answered HTTP 401 again with a crumb just issued, so Yahoo refuses this "
                             "client rather than a stale crumb: " +
                             yahoo_error_explanation(response.body));
    }
  }

  const int status = response.status;
  const std::string answered = where + " answered HTTP " + std::to_string(status);
  if (status == 200) {
    try {
      return YahooQuoteParser().parse_text(response.body);
    } catch (const Error& e) {
      throw Error(e.status(), where + ": " + e.what());
    }
  }
  if (status == 404) {
    // Yahoo's older quote endpoints answered a batch it knew nothing of with 404 "Quote not found
    // for symbol"; v7 leaves unknown symbols out of a 200. Either way: no quote for these tickers.
    throw Error::not_found(answered + ": " + yahoo_error_explanation(response.body));
  }
  if (status >= 500 || status == 408) {
    throw Error::transient(answered +
                           ", Yahoo is failing for now: " + yahoo_error_explanation(response.body));
  }
  throw Error::permanent(answered + ": " + yahoo_error_explanation(response.body));
}

}  // namespace pricefeed::yahoo
