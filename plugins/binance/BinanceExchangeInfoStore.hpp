#pragma once

// Binance's exchangeInfo (which pairs exist, whether they trade, the request weight per minute),
// asked for at most once per exchange_info_ttl and kept in the host's cache in its compact form, so
// quotes, the catalog and symbol resolution do not each spend 20 weight on it.
//
// Fetching it also checks the configuration: a requests_per_minute above the limit Binance states is
// logged as a warning (the host's limiter would let through weight that Binance refuses with 429).

#include <atomic>
#include <cstdint>
#include <optional>

#include <pricefeed/host.hpp>

#include "binance/BinanceClient.hpp"
#include "binance/BinanceExchangeInfo.hpp"
#include "binance/BinanceRequestWeight.hpp"
#include "binance/BinanceSourceConfig.hpp"

namespace pricefeed::binance {

class BinanceExchangeInfoStore {
 public:
  BinanceExchangeInfoStore(const BinanceSourceConfig& config, const BinanceClient& client)
      : config_(config), client_(client) {}

  // The cached copy, else a fresh one from Binance (then cached).
  BinanceExchangeInfo get(const Host& host) const;
  // The cached copy only, never a request (for the stream's thread): nullopt when the cache has none
  // or an unreadable one.
  std::optional<BinanceExchangeInfo> cached(const Host& host) const;
  // A fresh copy from Binance whatever the cache holds: for when the cached one proved stale (Binance
  // refused a pair it listed).
  BinanceExchangeInfo refresh(const Host& host) const;

  // The REQUEST_WEIGHT per minute Binance states. When exchangeInfo cannot be had because Binance is
  // failing, the last limit known (at first the documented 6000) with a warning, so that history,
  // which does not need the pair list, still goes on; a rate limit is passed on.
  std::uint32_t weight_limit(const Host& host) const;
  // The limit the last exchangeInfo read (from the cache or Binance) stated; 6000 before any.
  std::uint32_t last_weight_limit() const { return last_limit_; }

  static constexpr const char* kCacheKey = "binance.exchange_info";

 private:
  std::uint32_t limit_of(const BinanceExchangeInfo& info) const;

  const BinanceSourceConfig& config_;
  const BinanceClient& client_;
  // What the last exchangeInfo said; the exchangeInfo call itself is budgeted against it.
  mutable std::atomic<std::uint32_t> last_limit_{kDefaultWeightPerMinute};
};

}  // namespace pricefeed::binance
