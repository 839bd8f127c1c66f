#include "binance/BinanceExchangeInfoParser.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "binance/BinanceFormatError.hpp"
#include "binance/BinanceJsonFields.hpp"

namespace pricefeed::binance {

namespace {

// The limit that X-MBX-USED-WEIGHT-1M counts against: REQUEST_WEIGHT per 1 MINUTE. Other windows
// (Binance has stated none so far) are not what the header measures, so they are not taken.
std::optional<std::uint32_t> weight_per_minute(const nlohmann::json& limits) {
  if (!limits.is_array()) {
    throw BinanceFormatError(std::string("exchangeInfo.rateLimits: expected an array, got ") +
                             json_type_name(limits));
  }
  for (std::size_t i = 0; i < limits.size(); ++i) {
    const std::string path = "exchangeInfo.rateLimits[" + std::to_string(i) + "]";
    const nlohmann::json& limit = limits[i];
    if (string_at(member(limit, "rateLimitType", path), path + ".rateLimitType") != "REQUEST_WEIGHT")
      continue;
    if (string_at(member(limit, "interval", path), path + ".interval") != "MINUTE") continue;
    if (integer_at(member(limit, "intervalNum", path), path + ".intervalNum") != 1) continue;
    const std::int64_t value = integer_at(member(limit, "limit", path), path + ".limit");
    if (value < 1 || value > std::numeric_limits<std::uint32_t>::max()) {
      throw BinanceFormatError(path + ".limit: expected a positive weight, got " + std::to_string(value));
    }
    return static_cast<std::uint32_t>(value);
  }
  return std::nullopt;
}

}  // namespace

BinanceExchangeInfo parse_binance_exchange_info(std::string_view body) {
  const nlohmann::json document = parse_binance_json(body);
  if (!document.is_object()) {
    throw BinanceFormatError(std::string("exchangeInfo: expected an object, got ") +
                             json_type_name(document));
  }
  BinanceExchangeInfo info;
  if (const auto limits = document.find("rateLimits"); limits != document.end()) {
    info.request_weight_per_minute = weight_per_minute(*limits);
  }
  const nlohmann::json& symbols = member(document, "symbols", "exchangeInfo");
  if (!symbols.is_array()) {
    throw BinanceFormatError(std::string("exchangeInfo.symbols: expected an array, got ") +
                             json_type_name(symbols));
  }
  info.pairs.reserve(symbols.size());
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const std::string path = "exchangeInfo.symbols[" + std::to_string(i) + "]";
    const nlohmann::json& symbol = symbols[i];
    BinancePairInfo pair;
    pair.pair = string_at(member(symbol, "symbol", path), path + ".symbol");
    pair.status = string_at(member(symbol, "status", path), path + ".status");
    pair.base = string_at(member(symbol, "baseAsset", path), path + ".baseAsset");
    pair.quote = string_at(member(symbol, "quoteAsset", path), path + ".quoteAsset");
    info.pairs.push_back(std::move(pair));
  }
  std::sort(info.pairs.begin(), info.pairs.end(),
            [](const BinancePairInfo& a, const BinancePairInfo& b) { return a.pair < b.pair; });
  return info;
}

}  // namespace pricefeed::binance
