// Getting bars into PostgreSQL with COPY: into the session's staging table (the writer's path,
// followed by an upsert), or straight into asset_prices (the baseline the backfill benchmark measures
// the whole pipeline against). Both format rows the same way, so the difference between them is the
// upsert, not the formatting.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <pqxx/transaction_base>

#include "host/plugins/SourceRecords.hpp"

namespace pricefeed::host {

// A TEMP table, private to its session: (ts timestamptz, open, high, low, close, adj_close, volume
// double precision), ON COMMIT DELETE ROWS so every batch transaction starts with it empty.
inline constexpr std::string_view kPriceStagingTable = "pricefeed_price_staging";

// Creates the staging table in this session unless it exists already (a pooled connection keeps it
// from an earlier job). Cheap: one catalog look-up when it exists.
void ensure_price_staging_table(pqxx::transaction_base& tx);

// COPYs `bars` into the staging table. NaN (absent) values become NULL. Values must be finite
// (BarValidator sees to that); ts is written as a UTC timestamp.
void copy_bars_to_staging(pqxx::transaction_base& tx, std::span<const Bar> bars);

// COPYs `bars` straight into asset_prices, with no staging and no conflict handling: a row that
// exists already fails the COPY, and the partitions must exist. This is the "raw COPY" of the
// backfill benchmark, not a way to write prices.
void copy_bars_to_asset_prices(pqxx::transaction_base& tx, std::int64_t asset_id, Resolution resolution,
                               std::string_view source, std::span<const Bar> bars);

}  // namespace pricefeed::host
