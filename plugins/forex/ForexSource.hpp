#pragma once

// ForexSource: the "forex" source plugin. The ECB's euro reference rates, through Frankfurter's API
// (the default) or the ECB Data Portal's: daily history from 1999-01-04, the latest rates as quotes,
// and a catalog of the published currencies. See docs/sources/forex.md.
//
// One instance may serve several worker threads at once: its configuration and backend are fixed at
// creation, and everything a call needs lives on that call's stack.

#include <cstdint>
#include <memory>

#include <pricefeed/config.hpp>
#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>
#include <pricefeed/source.hpp>

#include "forex/ForexSourceConfig.hpp"
#include "forex/RateBackend.hpp"

#ifndef PRICEFEED_FOREX_VERSION
#define PRICEFEED_FOREX_VERSION "0.0.0"
#endif

namespace pricefeed::forex {

class ForexSource final : public Source {
 public:
  static constexpr SourceInfo info{
      "forex",
      PRICEFEED_FOREX_VERSION,
      "ECB euro reference rates (Frankfurter or the ECB Data Portal): daily history, latest rates, "
      "currencies",
      PRICEFEED_CLASS_FOREX,
      PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG,
      PRICEFEED_RES_1D,
      /*max_quote_batch=*/100,         // one request for the whole batch, on either backend
      /*max_history_span_seconds=*/0,  // any range; split here when max_days_per_request says so
      /*thread_safe=*/true,
  };

  ForexSource(Host& host, const Config& config);

  void fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) override;
  void fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) override;
  void list_assets(Host& host, std::uint32_t asset_classes, AssetSink& sink) override;

 private:
  const ForexSourceConfig config_;
  const std::unique_ptr<const RateBackend> backend_;
};

}  // namespace pricefeed::forex
