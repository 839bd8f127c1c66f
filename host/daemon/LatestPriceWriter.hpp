// One batch of quotes into the database in one transaction: latest_prices (a quote older than the
// stored one changes nothing; ts kept to the millisecond when the quote has them), today's daily bar
// in asset_prices through host/db, which owns that table (fold_quotes_into_daily_bars: open = the
// first quote's, or the session open the source gives; high and low folded; close = the latest),
// then AssetTracking sets tracked_assets.last_price_update. Invalid quotes (non-positive or
// non-finite price, a timestamp in the future) are refused with the reason and never written.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "host/db/PricePartitions.hpp"
#include "host/plugins/SourceRecords.hpp"

namespace pricefeed::host {

struct AssetQuote {
  std::int64_t asset_id = 0;
  std::string symbol;  // for messages
  std::string source;
  Quote quote;
  std::chrono::sys_days trading_date;  // the quote's date in its exchange's calendar
};

struct RefusedQuote {
  std::int64_t asset_id = 0;
  std::string symbol;
  std::string source;
  std::string reason;
};

// The quote's instant in unix milliseconds: ts_ms when the source gave them (ABI 1.1), else ts. What
// latest_prices.ts stores, so that streamed prices keep their milliseconds.
std::int64_t quote_instant_ms(const Quote& quote);

struct LatestPriceWriteSummary {
  std::size_t latest_updated = 0;
  std::size_t bars_written = 0;
  std::vector<RefusedQuote> refused;
  std::vector<std::int64_t> written_asset_ids;
};

// `now` judges "in the future" (a source's clock may run a little ahead: one minute is allowed).
LatestPriceWriteSummary write_latest_prices(pqxx::connection& connection, PricePartitions& partitions,
                                            const std::vector<AssetQuote>& quotes,
                                            std::chrono::sys_seconds now);

}  // namespace pricefeed::host
