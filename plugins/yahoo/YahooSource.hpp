#pragma once

// YahooSource: the "yahoo" source plugin. History for stocks, bonds, commodities, forex and crypto
// from Yahoo Finance's v8 chart API (1d, 1h, 1m); latest quotes from its v7 quote API (cookie and
// crumb session); the catalog of US listings from NASDAQ Trader's symbol directory.
//
// One instance may serve several worker threads at once: its state is the configuration, fixed at
// creation; the quote session lives in the host's cache; everything else is on the call's stack.

#include <cstdint>

#include <pricefeed/config.hpp>
#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>
#include <pricefeed/source.hpp>

#include "yahoo-api/YahooChartClient.hpp"
#include "yahoo-api/YahooQuoteClient.hpp"
#include "yahoo/UsListingCatalog.hpp"
#include "yahoo/YahooSourceConfig.hpp"

#ifndef PRICEFEED_YAHOO_VERSION
#define PRICEFEED_YAHOO_VERSION "0.0.0"
#endif

namespace pricefeed::yahoo {

class YahooSource final : public Source {
 public:
  static constexpr SourceInfo info{
      "yahoo",
      PRICEFEED_YAHOO_VERSION,
      "Yahoo Finance: history (v8 chart), quotes (v7 quote) and the US listings of NASDAQ Trader's "
      "symbol directory",
      PRICEFEED_CLASS_STOCK | PRICEFEED_CLASS_BOND | PRICEFEED_CLASS_COMMODITY | PRICEFEED_CLASS_FOREX |
          PRICEFEED_CLASS_CRYPTO,
      PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG,
      PRICEFEED_RES_1D | PRICEFEED_RES_1H | PRICEFEED_RES_1M,
      /*max_quote_batch=*/static_cast<std::uint32_t>(YahooQuoteClient::kMaxBatch),
      /*max_history_span_seconds=*/0,  // long ranges are split here, within Yahoo's own limits
      /*thread_safe=*/true,
  };

  YahooSource(Host& host, const Config& config);
  // The clients refer to config_, so a copy would point into the original.
  YahooSource(const YahooSource&) = delete;
  YahooSource& operator=(const YahooSource&) = delete;

  void fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) override;
  void fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) override;
  void list_assets(Host& host, std::uint32_t asset_classes, AssetSink& sink) override;

 private:
  const YahooSourceConfig config_;
  const YahooChartClient chart_;
  const YahooQuoteClient quotes_;
  const UsListingCatalog catalog_;
};

}  // namespace pricefeed::yahoo
