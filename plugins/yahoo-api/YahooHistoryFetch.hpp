#pragma once

// One history request of the host, served from Yahoo's chart endpoint: the asked range is planned
// within Yahoo's limits (YahooRangePlan), each planned request is fetched and its bars and actions
// handed over before the next one, and what Yahoo cannot serve (too old for an intraday interval,
// before the instrument's first trade) is reported unavailable instead of failing the job.
//
// Shared by every plugin that reads Yahoo's chart API; they differ only in how a symbol becomes a
// Yahoo ticker.

#include <string>

#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/sinks.hpp>

#include "yahoo-api/YahooChartClient.hpp"

namespace pricefeed::yahoo {

// ticker: Yahoo's name for request.symbol (GC=F for GOLD). Errors are pricefeed::Error with the
// client's label; a cancelled fetch is transient (the job is retried, not completed with a hole).
void fetch_yahoo_history(const Host& host, const YahooChartClient& client, const HistoryRequest& request,
                         const std::string& ticker, HistorySink& sink);

}  // namespace pricefeed::yahoo
