#pragma once

// BinanceSource: the "binance" source plugin. Crypto history (1d, 1h, 1m klines), latest prices and
// the catalog of pairs from Binance's public spot REST API (no API key), and live prices from its
// WebSocket market streams (BinanceStream).
//
// One instance may serve several worker threads at once: its configuration is fixed at creation, the
// exchangeInfo lives in the host's (thread-safe) cache, and the only state the fetches change, the
// minute's request-weight budget, is locked. The stream's state is the stream calls' own, which the
// host makes one at a time.

#include <string>
#include <string_view>

#include <pricefeed/config.hpp>
#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>
#include <pricefeed/source.hpp>

#include "binance/BinanceClient.hpp"
#include "binance/BinanceExchangeInfoStore.hpp"
#include "binance/BinanceHistoryFetch.hpp"
#include "binance/BinanceQuoteFetch.hpp"
#include "binance/BinanceSourceConfig.hpp"
#include "binance/BinanceStream.hpp"
#include "binance/BinanceWeightBudget.hpp"

#ifndef PRICEFEED_BINANCE_VERSION
#define PRICEFEED_BINANCE_VERSION "0.0.0"
#endif

namespace pricefeed::binance {

class BinanceSource final : public Source {
 public:
  static constexpr SourceInfo info{
      "binance",
      PRICEFEED_BINANCE_VERSION,
      "Binance spot: crypto klines (1d, 1h, 1m), latest prices, the catalog of pairs and live mini tickers",
      PRICEFEED_CLASS_CRYPTO,
      PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG | PRICEFEED_CAP_RESOLVE_SYMBOL |
          PRICEFEED_CAP_STREAM,
      PRICEFEED_RES_1D | PRICEFEED_RES_1H | PRICEFEED_RES_1M,
      /*max_quote_batch=*/BinanceQuoteFetch::kMaxPairsPerCall,
      /*max_history_span_seconds=*/0,  // paged here, 1000 klines per request
      /*thread_safe=*/true,
      /*stream_max_subscriptions=*/BinanceStream::kMaxStreamsPerConnection,
      /*stream_max_messages_per_second=*/BinanceStream::kMaxMessagesPerSecond,
      /*stream_max_connection_seconds=*/BinanceStream::kConnectionLifetimeSeconds,
  };

  BinanceSource(Host& host, const Config& config);
  // The parts refer to each other and to config_: a copy would point into the original.
  BinanceSource(const BinanceSource&) = delete;
  BinanceSource& operator=(const BinanceSource&) = delete;

  void fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) override;
  void fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) override;
  void list_assets(Host& host, std::uint32_t asset_classes, AssetSink& sink) override;
  // BTC -> BTCUSDT, when Binance lists that pair.
  std::string resolve_symbol(Host& host, std::string_view symbol, AssetClass asset_class) override;
  // Binance's combined stream of mini tickers (BinanceStream).
  void stream_subscribe(Host& host, const StreamRequest& request, StreamControl& out) override;
  void stream_frame(Host& host, std::string_view frame, StreamSink& sink) override;

 private:
  const BinanceSourceConfig config_;
  BinanceWeightBudget budget_;
  const BinanceClient client_;
  const BinanceExchangeInfoStore exchange_info_;
  const BinanceHistoryFetch history_;
  const BinanceQuoteFetch quotes_;
  BinanceStream stream_;
};

}  // namespace pricefeed::binance
