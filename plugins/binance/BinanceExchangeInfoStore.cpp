#include "binance/BinanceExchangeInfoStore.hpp"

#include <chrono>
#include <string>

#include <pricefeed/error.hpp>

#include "binance/BinanceExchangeInfoCodec.hpp"
#include "binance/BinanceExchangeInfoParser.hpp"
#include "binance/BinanceFormatError.hpp"

namespace pricefeed::binance {

std::uint32_t BinanceExchangeInfoStore::limit_of(const BinanceExchangeInfo& info) const {
  if (info.request_weight_per_minute) last_limit_ = *info.request_weight_per_minute;
  return last_limit_;
}

std::optional<BinanceExchangeInfo> BinanceExchangeInfoStore::cached(const Host& host) const {
  const auto text = host.cache_get(kCacheKey);
  if (!text) return std::nullopt;
  auto info = decode_exchange_info(*text);
  if (!info) {
    host.log(LogLevel::warn, "binance: the cached exchangeInfo is unreadable");
    return std::nullopt;
  }
  limit_of(*info);
  return info;
}

BinanceExchangeInfo BinanceExchangeInfoStore::get(const Host& host) const {
  if (auto info = cached(host)) return std::move(*info);
  return refresh(host);
}

BinanceExchangeInfo BinanceExchangeInfoStore::refresh(const Host& host) const {
  const BinanceAnswer answer =
      client_.get(host, client_.exchange_info_url(), kExchangeInfoWeight, last_limit_.load());
  if (answer.status != 200) throw answer.failure("the exchange information");
  BinanceExchangeInfo info;
  try {
    info = parse_binance_exchange_info(answer.body);
  } catch (const BinanceFormatError& e) {
    throw answer.malformed("Binance's exchangeInfo JSON", e);
  }

  const std::uint32_t limit = limit_of(info);
  if (!info.request_weight_per_minute) {
    host.log(LogLevel::warn, "binance: exchangeInfo states no REQUEST_WEIGHT limit per minute; budgeting " +
                                 std::to_string(limit) + " weight per minute");
  }
  if (config_.requests_per_minute && *config_.requests_per_minute > static_cast<std::int64_t>(limit)) {
    host.log(LogLevel::warn,
             "binance: requests_per_minute = " + std::to_string(*config_.requests_per_minute) +
                 " is more request weight than the " + std::to_string(limit) +
                 " per minute Binance allows; the plugin stops at Binance's limit, but lower "
                 "requests_per_minute to it so the host paces this source evenly",
             {{"requests_per_minute", std::to_string(*config_.requests_per_minute)},
              {"binance_weight_per_minute", std::to_string(limit)}});
  }
  host.cache_put(kCacheKey, encode_exchange_info(info), config_.exchange_info_ttl);
  return info;
}

std::uint32_t BinanceExchangeInfoStore::weight_limit(const Host& host) const {
  try {
    return limit_of(get(host));
  } catch (const Error& e) {
    if (e.status() == Status::rate_limited) throw;
    host.log(LogLevel::warn, std::string("binance: no exchangeInfo for the weight limit (") + e.what() +
                                 "); budgeting " + std::to_string(last_limit_.load()) + " weight per minute");
    return last_limit_;
  }
}

}  // namespace pricefeed::binance
