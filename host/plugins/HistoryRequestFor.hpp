// How the host asks a source for history: the one place a HistoryRequest is made, for backfill jobs
// and for the quality checks' second opinion alike, so both ask a source for an asset the same way.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "host/assets/AssetClass.hpp"
#include "host/plugins/SourceRecords.hpp"
#include "host/time/Resolution.hpp"

namespace pricefeed::host {

// `source`'s request for the bars of the trading dates [first, last] of an asset (`symbol`, with the
// ids of assets.source_ids): the source's own id when it has one (host/assets/SourceSymbol.hpp), and
// the dates as the ABI's half-open range of unix seconds, 00:00 UTC of `first` to 00:00 UTC of the day
// after `last`.
HistoryRequest history_request_for(std::string_view source, const std::string& symbol,
                                   const nlohmann::json& source_ids, AssetClass asset_class,
                                   Resolution resolution, std::chrono::sys_days first,
                                   std::chrono::sys_days last);

}  // namespace pricefeed::host
