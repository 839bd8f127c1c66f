#pragma once

// CommoditiesSource: the "commodities" source plugin. Commodities by canonical name (GOLD, OIL_WTI),
// served as their front-month futures on Yahoo Finance: history from the v8 chart API (1d, 1h, 1m),
// quotes from the v7 quote API, and a catalog that is the configured commodity map. The Yahoo
// clients are the ones the yahoo plugin uses (plugins/yahoo-api); this plugin only knows which contract a
// name stands for.
//
// Futures bars are stamped at 00:00 New York by Yahoo; the shared chart reader turns each into its
// trading date on the exchange's clock, so a daily bar lands on the right date across daylight
// saving changes. One instance may serve several worker threads at once: its state is the
// configuration, fixed at creation; the quote session lives in the host's cache.

#include <cstdint>

#include <pricefeed/config.hpp>
#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>
#include <pricefeed/source.hpp>

#include "commodities/CommoditiesConfig.hpp"
#include "yahoo-api/YahooChartClient.hpp"
#include "yahoo-api/YahooQuoteClient.hpp"

#ifndef PRICEFEED_COMMODITIES_VERSION
#define PRICEFEED_COMMODITIES_VERSION "0.0.0"
#endif

namespace pricefeed::commodities {

class CommoditiesSource final : public Source {
 public:
  static constexpr SourceInfo info{
      "commodities",
      PRICEFEED_COMMODITIES_VERSION,
      "Commodities as front-month futures on Yahoo Finance (GOLD = GC=F ...): history, quotes, catalog",
      PRICEFEED_CLASS_COMMODITY,
      PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG,
      PRICEFEED_RES_1D | PRICEFEED_RES_1H | PRICEFEED_RES_1M,
      /*max_quote_batch=*/static_cast<std::uint32_t>(yahoo::YahooQuoteClient::kMaxBatch),
      /*max_history_span_seconds=*/0,  // long ranges are split within Yahoo's limits
      /*thread_safe=*/true,
  };

  CommoditiesSource(Host& host, const Config& config);
  // The clients refer to config_, so a copy would point into the original.
  CommoditiesSource(const CommoditiesSource&) = delete;
  CommoditiesSource& operator=(const CommoditiesSource&) = delete;

  void fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) override;
  void fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) override;
  void list_assets(Host& host, std::uint32_t asset_classes, AssetSink& sink) override;

 private:
  const CommoditiesConfig config_;
  const yahoo::YahooChartClient chart_;
  const yahoo::YahooQuoteClient quotes_;
};

}  // namespace pricefeed::commodities
