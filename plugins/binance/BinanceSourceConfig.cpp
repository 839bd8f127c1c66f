#include "binance/BinanceSourceConfig.hpp"

#include <pricefeed/error.hpp>

#include "binance/BinancePair.hpp"
#include "upstream/BaseUrl.hpp"

namespace pricefeed::binance {

namespace {

constexpr std::int64_t kLongestTtlMinutes = 24 * 60;

}  // namespace

BinanceSourceConfig BinanceSourceConfig::from(const Config& config) {
  BinanceSourceConfig out;
  out.base_url = upstream::checked_base_url("base_url", config.required_string("base_url"));

  out.stream_url = upstream::checked_stream_url("stream_url", config.string("stream_url", out.stream_url));

  out.quote_asset = config.string("quote_asset", out.quote_asset);
  if (!is_binance_asset(out.quote_asset)) {
    throw Error::invalid_config(
        "quote_asset: expected an asset code of 1 to 12 characters A-Z 0-9 (USDT, BTC), got '" +
        out.quote_asset + "'");
  }

  const std::int64_t ttl = config.integer("exchange_info_ttl_minutes", out.exchange_info_ttl.count());
  if (ttl < 1 || ttl > kLongestTtlMinutes) {
    throw Error::invalid_config("exchange_info_ttl_minutes: expected 1 to " +
                                std::to_string(kLongestTtlMinutes) + " minutes, got " + std::to_string(ttl));
  }
  out.exchange_info_ttl = std::chrono::minutes(ttl);

  const Json* rpm_value = config.json().find("requests_per_minute");
  if (rpm_value != nullptr && !rpm_value->is_null()) {
    const std::int64_t rpm = config.integer("requests_per_minute", 0);
    if (rpm < 1) {
      throw Error::invalid_config(
          "requests_per_minute: expected a positive number of request weight units, got " +
          std::to_string(rpm));
    }
    out.requests_per_minute = rpm;
  }
  return out;
}

}  // namespace pricefeed::binance
