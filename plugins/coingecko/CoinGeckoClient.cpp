#include "coingecko/CoinGeckoClient.hpp"

#include <optional>

#include "coingecko/CoinGeckoErrorBody.hpp"
#include "upstream/BaseUrl.hpp"

namespace pricefeed::coingecko {

namespace {

bool key_refused(const CoinGeckoErrorBody& error) {
  return error.code && (*error.code == 10002 || *error.code == 10010 || *error.code == 10011);
}

bool names_unknown_coin(const std::optional<CoinGeckoErrorBody>& error) {
  if (!error || error->code) return false;
  return error->message.find("not found") != std::string::npos;
}

}  // namespace

std::string CoinGeckoClient::where(const std::string& url) {
  return "coingecko: GET " + upstream::url_without_credentials(url);
}

std::string CoinGeckoClient::get(const Host& host, const std::string& url, const std::string& subject) const {
  HttpRequest request;
  request.url = url;
  request.headers = {{"Accept", "application/json"}};
  if (!config_.api_key.empty()) request.headers.emplace_back(config_.key_header(), config_.api_key);

  // Rate limits and network failures throw from here, already explained by the host.
  const HttpResponse response = host.http(request);
  const int status = response.status;
  const std::optional<CoinGeckoErrorBody> error = read_coingecko_error(response.body);
  if (status == 200 && !error) return response.body;

  const std::string answered = where(url) + " answered HTTP " + std::to_string(status) + " about " + subject;
  const std::string explanation = error ? error->describe() : upstream::body_excerpt(response.body);

  if (error && error->code == kHistoryLimitErrorCode)
    throw CoinGeckoHistoryLimit(answered + ": " + explanation);
  if (status == 404 || names_unknown_coin(error)) {
    throw Error::not_found(answered + ": CoinGecko does not know it (" + explanation + ")");
  }
  if (error && key_refused(*error)) {
    throw Error::permanent(answered + ": CoinGecko refuses the API key (" + explanation +
                           "); check api_key and api_plan (a demo key goes to api.coingecko.com, a Pro key "
                           "to pro-api.coingecko.com)");
  }
  if (status == 429 || (error && error->code == 429)) {
    // Only when CoinGecko says so in a body the host did not see as a 429.
    throw Error::rate_limited(answered + ": " + explanation, std::chrono::milliseconds::zero());
  }
  if (status == 408 || status >= 500) {
    throw Error::transient(answered + ", CoinGecko is failing for now: " + explanation);
  }
  throw Error::permanent(answered + ": " + explanation);
}

}  // namespace pricefeed::coingecko
