#pragma once

// YahooSource: the "yahoo" source plugin. History for stocks, bonds, commodities, forex and crypto
// from Yahoo Finance's v8 chart API (1d, 1h, 1m). Quotes and the catalog come later.
//
// One instance may serve several worker threads at once: its only state is the configuration, fixed
// at creation; everything a fetch needs lives on that call's stack.

#include <pricefeed/config.hpp>
#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>
#include <pricefeed/source.hpp>

#include "yahoo/YahooChartClient.hpp"
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
      "Yahoo Finance: daily and intraday history from the v8 chart API",
      PRICEFEED_CLASS_STOCK | PRICEFEED_CLASS_BOND | PRICEFEED_CLASS_COMMODITY | PRICEFEED_CLASS_FOREX |
          PRICEFEED_CLASS_CRYPTO,
      PRICEFEED_CAP_HISTORY,
      PRICEFEED_RES_1D | PRICEFEED_RES_1H | PRICEFEED_RES_1M,
      /*max_quote_batch=*/1,
      /*max_history_span_seconds=*/0,  // long ranges are split here, within Yahoo's own limits
      /*thread_safe=*/true,
  };

  YahooSource(Host& host, const Config& config);
  // client_ refers to config_, so a copy would point into the original.
  YahooSource(const YahooSource&) = delete;
  YahooSource& operator=(const YahooSource&) = delete;

  void fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) override;

 private:
  const YahooSourceConfig config_;
  const YahooChartClient client_;
};

}  // namespace pricefeed::yahoo
