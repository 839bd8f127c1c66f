#include "yahoo/YahooSource.hpp"

#include <string>

#include "yahoo-api/YahooHistoryFetch.hpp"
#include "yahoo-api/YahooQuoteFetch.hpp"
#include "yahoo/YahooTicker.hpp"

namespace pricefeed::yahoo {

YahooSource::YahooSource(Host& /*host*/, const Config& config)
    : config_(YahooSourceConfig::from(config)),
      chart_(config_.endpoint, "yahoo"),
      quotes_(config_.endpoint, "yahoo"),
      catalog_(config_) {}

void YahooSource::fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) {
  const std::string ticker = yahoo_ticker(request.symbol, request.source_id, request.asset_class);
  fetch_yahoo_history(host, chart_, request, ticker, sink);
}

void YahooSource::fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) {
  fetch_yahoo_quotes(host, quotes_, request, sink,
                     [&request](const std::string& symbol, const std::string& source_id) {
                       return yahoo_ticker(symbol, source_id, request.asset_class);
                     });
}

void YahooSource::list_assets(Host& host, std::uint32_t asset_classes, AssetSink& sink) {
  catalog_.list(host, asset_classes, sink);
}

}  // namespace pricefeed::yahoo
