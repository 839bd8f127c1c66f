#include "binance/BinanceSource.hpp"

#include <pricefeed/error.hpp>

#include "binance/BinanceCatalog.hpp"
#include "binance/BinancePair.hpp"

namespace pricefeed::binance {

BinanceSource::BinanceSource(Host& /*host*/, const Config& config)
    : config_(BinanceSourceConfig::from(config)),
      client_(config_, budget_),
      exchange_info_(config_, client_),
      history_(config_, client_, exchange_info_),
      quotes_(config_, client_, exchange_info_),
      stream_(config_, exchange_info_) {}

void BinanceSource::fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) {
  history_.run(host, request, sink);
}

void BinanceSource::fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) {
  quotes_.run(host, request, sink);
}

void BinanceSource::list_assets(Host& host, std::uint32_t asset_classes, AssetSink& sink) {
  if ((asset_classes & PRICEFEED_CLASS_CRYPTO) == 0) return;  // Binance lists nothing else
  for (Asset& asset : binance_catalog(exchange_info_.get(host), config_.quote_asset)) {
    if (!sink.push(std::move(asset))) return;
  }
}

std::string BinanceSource::resolve_symbol(Host& host, std::string_view symbol, AssetClass asset_class) {
  if (asset_class != AssetClass::crypto) {
    throw Error::unsupported(std::string("binance: lists crypto only, not ") + asset_class_name(asset_class));
  }
  const std::string pair = binance_pair(symbol, "", config_.quote_asset);
  if (exchange_info_.get(host).find(pair) == nullptr) {
    throw Error::not_found("binance: Binance lists no pair " + pair + " for '" + std::string(symbol) + "'");
  }
  return pair;
}

void BinanceSource::stream_subscribe(Host& host, const StreamRequest& request, StreamControl& out) {
  stream_.subscribe(host, request, out);
}

void BinanceSource::stream_frame(Host& /*host*/, std::string_view frame, StreamSink& sink) {
  stream_.frame(frame, sink);
}

}  // namespace pricefeed::binance
