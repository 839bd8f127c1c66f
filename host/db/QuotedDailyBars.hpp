// Today's daily bars in asset_prices, folded from live quotes (the daemon's ticks) rather than fetched
// as history: each quote upserts its asset's bar of its trading date. The first quote of the day
// opens the bar (open = the session open the source gives, else the quote's price); every later one
// folds into it: high and low widen, close becomes its price, volume is replaced when it has one.
// A backfill of the same day later overwrites the bar with the source's own (PriceWriter).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>

#include <pqxx/connection_base>
#include <pqxx/transaction_base>

#include "host/db/PricePartitions.hpp"

namespace pricefeed::host {

struct DailyBarQuote {
  static constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

  std::int64_t asset_id = 0;
  std::chrono::sys_days trading_date;  // the bar's ts is 00:00 UTC of it
  double price = 0;                    // positive and finite: the bar's close
  double open = kAbsent;               // the session's open, high and low when the source gives them
  double high = kAbsent;
  double low = kAbsent;
  double volume = kAbsent;
  std::string source;  // credited with the bar
};

// Makes sure asset_prices has the partitions of the quotes' trading dates. Creating one locks the
// table, so this runs before the transaction that folds the quotes, with none open on `connection`.
void ensure_daily_bar_partitions(pqxx::connection_base& connection, PricePartitions& partitions,
                                 std::span<const DailyBarQuote> quotes);

// Folds each quote into its daily bar, in the caller's transaction, and returns the bars written:
// one per quote, as an existing bar is always updated (if only to the same close). At most one quote
// per asset and trading date: one statement cannot update a row twice.
std::size_t fold_quotes_into_daily_bars(pqxx::transaction_base& tx, std::span<const DailyBarQuote> quotes);

}  // namespace pricefeed::host
