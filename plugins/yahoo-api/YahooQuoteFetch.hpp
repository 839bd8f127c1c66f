#pragma once

// One quote request of the host, served from Yahoo's v7 quote endpoint: each asked symbol becomes a
// Yahoo ticker, the distinct tickers are asked for in batches of YahooQuoteClient::kMaxBatch, and each
// quote Yahoo answers is handed over under the symbol it was asked for (two symbols naming one
// ticker, GOLD and GC=F, both get it).
//
// Yahoo leaves the symbols it does not know out of its answer: they get no quote, and the others are
// not failed for them. Only when no asked symbol gets a quote is the call not_found, so the host can
// try the next source. Shared by every plugin that reads Yahoo's quotes; they differ only in how a
// symbol becomes a ticker.

#include <functional>
#include <string>

#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>

#include "yahoo-api/YahooQuoteClient.hpp"

namespace pricefeed::yahoo {

// Yahoo's ticker for (symbol, source_id); throws Error::not_found when the symbol has none, which
// leaves that symbol without a quote (and without a request).
using YahooTickerOf = std::function<std::string(const std::string& symbol, const std::string& source_id)>;

void fetch_yahoo_quotes(const Host& host, const YahooQuoteClient& client, const QuoteRequest& request,
                        QuoteSink& sink, const YahooTickerOf& ticker_of);

}  // namespace pricefeed::yahoo
