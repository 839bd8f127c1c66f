#pragma once

// CoinGeckoSource: the "coingecko" source plugin. Crypto only, priced in US dollars:
//   history   daily closes (1d) from /coins/{id}/market_chart/range: close and volume, no OHLC
//   quotes    /simple/price, up to 250 coins per call
//   catalog   the top coins by market cap from /coins/markets (catalog_size, default 500)
//   resolve   ticker -> coin id through /coins/list, cached a day (CoinGeckoSymbolResolver)
//
// One instance may serve several worker threads at once: its only state is the configuration, fixed
// at creation; what must outlive a call (the coin list) lives in the host's cache.

#include <cstdint>
#include <string>
#include <string_view>

#include <pricefeed/config.hpp>
#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>
#include <pricefeed/source.hpp>

#include "coingecko/CoinGeckoClient.hpp"
#include "coingecko/CoinGeckoSourceConfig.hpp"
#include "coingecko/CoinGeckoSymbolResolver.hpp"

#ifndef PRICEFEED_COINGECKO_VERSION
#define PRICEFEED_COINGECKO_VERSION "0.0.0"
#endif

namespace pricefeed::coingecko {

class CoinGeckoSource final : public Source {
 public:
  // /simple/price documents no limit on ids; 250 keeps the URL near 4 KB with CoinGecko's longest
  // ids, well inside what servers and proxies accept, and matches /coins/markets' page size.
  static constexpr std::uint32_t kMaxQuoteBatch = 250;

  static constexpr SourceInfo info{
      "coingecko",
      PRICEFEED_COINGECKO_VERSION,
      "CoinGecko: daily crypto closes, quotes, the top coins by market cap and ticker resolution",
      PRICEFEED_CLASS_CRYPTO,
      PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG | PRICEFEED_CAP_RESOLVE_SYMBOL,
      PRICEFEED_RES_1D,
      kMaxQuoteBatch,
      /*max_history_span_seconds=*/0,  // one request per fetch; the 365-day limit is handled here
      /*thread_safe=*/true,
  };

  CoinGeckoSource(Host& host, const Config& config);
  // client_ and resolver_ refer to config_ and client_, so a copy would point into the original.
  CoinGeckoSource(const CoinGeckoSource&) = delete;
  CoinGeckoSource& operator=(const CoinGeckoSource&) = delete;

  void fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) override;
  void fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) override;
  void list_assets(Host& host, std::uint32_t asset_classes, AssetSink& sink) override;
  std::string resolve_symbol(Host& host, std::string_view symbol, AssetClass asset_class) override;

 private:
  // The request's source id when it has one, else the ticker resolved through /coins/list.
  std::string coin_id(const Host& host, const std::string& symbol, const std::string& source_id) const;

  const CoinGeckoSourceConfig config_;
  const CoinGeckoClient client_;
  const CoinGeckoSymbolResolver resolver_;
};

}  // namespace pricefeed::coingecko
