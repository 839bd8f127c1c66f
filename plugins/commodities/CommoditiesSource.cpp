#include "commodities/CommoditiesSource.hpp"

#include <string>

#include "yahoo-api/YahooHistoryFetch.hpp"
#include "yahoo-api/YahooQuoteFetch.hpp"

namespace pricefeed::commodities {

CommoditiesSource::CommoditiesSource(Host& /*host*/, const Config& config)
    : config_(CommoditiesConfig::from(config)),
      chart_(config_.endpoint, "commodities"),
      quotes_(config_.endpoint, "commodities") {}

void CommoditiesSource::fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) {
  const std::string ticker = config_.map.ticker_for(request.symbol, request.source_id);
  yahoo::fetch_yahoo_history(host, chart_, request, ticker, sink);
}

void CommoditiesSource::fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) {
  yahoo::fetch_yahoo_quotes(host, quotes_, request, sink,
                            [this](const std::string& symbol, const std::string& source_id) {
                              return config_.map.ticker_for(symbol, source_id);
                            });
}

void CommoditiesSource::list_assets(Host& /*host*/, std::uint32_t asset_classes, AssetSink& sink) {
  if ((asset_classes & PRICEFEED_CLASS_COMMODITY) == 0) return;
  for (const CommodityContract& contract : config_.map.contracts()) {
    Asset asset;
    asset.symbol = contract.name;
    asset.source_id = contract.ticker;
    asset.name = contract.catalog_name();
    asset.asset_class = AssetClass::commodity;
    asset.exchange = contract.exchange;
    asset.currency = contract.currency;
    if (!sink.push(std::move(asset))) return;
  }
  sink.flush();
}

}  // namespace pricefeed::commodities
