// Latest quotes for many assets: grouped by the first source of each asset's routing chain that
// serves quotes, asked in the largest batches the plugin allows (one thread per source, so a slow or
// failing source does not hold the others up), and whatever a source could not quote — a failed
// batch, a symbol missing from the answer — asked again from the next source in the chain.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "host/assets/AssetIdentity.hpp"
#include "host/config/Config.hpp"
#include "host/daemon/LatestPriceWriter.hpp"
#include "host/plugins/SourceRegistry.hpp"

namespace pricefeed::host {

struct SourceQuoteStats {
  std::size_t requests = 0;  // fetch_quotes calls (batches)
  std::size_t quoted = 0;
  std::size_t failed_batches = 0;
  std::size_t dropped = 0;  // quotes for symbols the batch did not ask for, or repeats (kept: the first)
  std::string last_error;

  // Adds another lane's or pass's figures; the later last_error wins.
  void add(const SourceQuoteStats& other);
};

struct UnquotedAsset {
  AssetIdentity target;
  std::string reason;  // every source's reason, "yahoo: ...; binance: ..."
};

struct QuoteFetchResult {
  std::vector<AssetQuote> quotes;  // trading_date not set: the caller knows the calendars
  std::map<std::string, SourceQuoteStats> by_source;
  std::vector<UnquotedAsset> unquoted;
};

class QuoteFetcher {
 public:
  QuoteFetcher(const SourceRegistry& sources, const RoutingConfig& routing)
      : sources_(sources), routing_(routing) {}

  QuoteFetchResult fetch(const std::vector<AssetIdentity>& targets,
                         const std::atomic<bool>* cancelled = nullptr) const;

 private:
  const SourceRegistry& sources_;
  const RoutingConfig& routing_;
};

}  // namespace pricefeed::host
