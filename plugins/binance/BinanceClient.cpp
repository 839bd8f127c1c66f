#include "binance/BinanceClient.hpp"

#include <charconv>
#include <chrono>

#include <pricefeed/url.hpp>

#include "upstream/BaseUrl.hpp"

namespace pricefeed::binance {

namespace {

std::int64_t now_ms(const Host& host) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(host.now().time_since_epoch()).count();
}

}  // namespace

const char* binance_interval(Resolution resolution) {
  // Binance spells its kline intervals as the SDK names resolutions.
  return resolution_name(resolution);
}

std::int64_t interval_ms(Resolution resolution) {
  switch (resolution) {
    case Resolution::day:
      return 86'400'000;
    case Resolution::hour:
      return 3'600'000;
    case Resolution::minute:
      return 60'000;
  }
  return 86'400'000;
}

std::string BinanceClient::klines_url(const std::string& pair, Resolution resolution, std::int64_t start_ms,
                                      std::int64_t end_ms) const {
  return Url(config_.base_url)
      .path("/api/v3/klines")
      .query("symbol", pair)
      .query("interval", binance_interval(resolution))
      .query("startTime", start_ms)
      .query("endTime", end_ms)
      .query("limit", static_cast<std::int64_t>(kKlinesPerRequest))
      .str();
}

std::string BinanceClient::ticker_price_url(const std::vector<std::string>& pairs) const {
  Url url(config_.base_url);
  url.path("/api/v3/ticker/price");
  if (pairs.size() == 1) return url.query("symbol", pairs.front()).str();
  // A JSON array without spaces, as Binance documents it; the Url escapes its brackets and quotes.
  std::string list = "[";
  for (const std::string& pair : pairs) {
    if (list.size() > 1) list += ',';
    list += '"' + pair + '"';
  }
  list += ']';
  return url.query("symbols", list).str();
}

std::string BinanceClient::exchange_info_url() const {
  return Url(config_.base_url).path("/api/v3/exchangeInfo").str();
}

BinanceAnswer BinanceClient::get(const Host& host, const std::string& url, std::uint32_t weight,
                                 std::uint32_t weight_limit) const {
  budget_.spend(weight, now_ms(host), weight_limit);

  HttpRequest request;
  request.url = url;
  request.cost = weight;
  request.headers = {{"Accept", "application/json"}};
  HttpResponse response = host.http(request);  // 429/418 and network failures throw, explained

  if (const auto used = response.header("X-MBX-USED-WEIGHT-1M")) {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(used->data(), used->data() + used->size(), value);
    if (error == std::errc() && end == used->data() + used->size()) budget_.observe(value, now_ms(host));
  }

  BinanceAnswer answer;
  answer.status = response.status;
  answer.body = std::move(response.body);
  answer.where = "binance: GET " + upstream::url_without_credentials(url);
  answer.retry_after = response.header("Retry-After");
  return answer;
}

}  // namespace pricefeed::binance
