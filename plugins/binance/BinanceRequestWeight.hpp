#pragma once

// The request weight Binance charges each call the plugin makes (binance-spot-api-docs rest-api.md,
// since the August 2023 change that raised the limit to 6000 per minute and doubled the weights).
// The plugin states it in every request's cost, so the host's limiter paces the source in the same
// units Binance counts, and checks it against the minute's budget before sending.

#include <cstdint>

namespace pricefeed::binance {

inline constexpr std::uint32_t kKlinesWeight = 2;                // any limit up to 1000
inline constexpr std::uint32_t kExchangeInfoWeight = 20;         // the whole exchange
inline constexpr std::uint32_t kTickerPriceOneSymbolWeight = 2;  // ticker/price?symbol=
inline constexpr std::uint32_t kTickerPriceSymbolsWeight = 4;    // ticker/price?symbols=[...], any number

// What Binance stated when this was written, used until exchangeInfo has told the current limit.
inline constexpr std::uint32_t kDefaultWeightPerMinute = 6000;

}  // namespace pricefeed::binance
