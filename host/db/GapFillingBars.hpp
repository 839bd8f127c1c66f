// The provenance of a gap's fill (docs/quality.md "Provenance"): the daily bars that came in because
// a gap was filled carry its id in asset_prices.filled_gap_id, so "which rows came from a fallback,
// and why" is one join away.
#pragma once

#include <chrono>
#include <cstdint>

#include <pqxx/transaction_base>

namespace pricefeed::host {

// Sets filled_gap_id = `gap_id` on the daily bars of `asset_id` dated `first` to `last` (inclusive)
// that carry no gap yet, in the caller's transaction (the one that marks the gap filled). A bar that
// filled an earlier gap keeps that gap's id.
void mark_gap_filling_bars(pqxx::transaction_base& tx, std::int64_t gap_id, std::int64_t asset_id,
                           std::chrono::sys_days first, std::chrono::sys_days last);

}  // namespace pricefeed::host
