#include "host/db/QuotedDailyBars.hpp"

#include <cmath>
#include <exception>
#include <set>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>
#include <pqxx/result>

#include "host/time/UnixTime.hpp"

namespace pricefeed::host {
namespace {

// The quotes travel as one jsonb parameter: libpqxx 6 has no array parameters, and one parameter keeps
// the statement's text the same whatever the number of quotes.
constexpr const char* kFoldQuotes = R"sql(
INSERT INTO asset_prices AS p (asset_id, resolution, ts, open, high, low, close, volume, source)
SELECT asset_id, '1d', to_timestamp(day_start), COALESCE(open, price),
       GREATEST(COALESCE(high, price), price), LEAST(COALESCE(low, price), price), price, volume, source
FROM jsonb_to_recordset($1::jsonb) AS q(asset_id bigint, day_start bigint, price float8, open float8,
                                        high float8, low float8, volume float8, source text)
ON CONFLICT (asset_id, resolution, ts) DO UPDATE SET
  high = GREATEST(p.high, EXCLUDED.high), low = LEAST(p.low, EXCLUDED.low), close = EXCLUDED.close,
  volume = COALESCE(EXCLUDED.volume, p.volume), source = EXCLUDED.source
)sql";

nlohmann::json optional_number(double value) {
  return std::isnan(value) ? nlohmann::json(nullptr) : nlohmann::json(value);
}

}  // namespace

void ensure_daily_bar_partitions(pqxx::connection_base& connection, PricePartitions& partitions,
                                 std::span<const DailyBarQuote> quotes) {
  std::set<int> years;
  for (const DailyBarQuote& q : quotes)
    years.insert(static_cast<int>(std::chrono::year_month_day{q.trading_date}.year()));
  partitions.ensure(connection, years);
}

std::size_t fold_quotes_into_daily_bars(pqxx::transaction_base& tx, std::span<const DailyBarQuote> quotes) {
  nlohmann::json rows = nlohmann::json::array();
  for (const DailyBarQuote& q : quotes) {
    rows.push_back({{"asset_id", q.asset_id},
                    {"day_start", unix_seconds(q.trading_date)},
                    {"price", q.price},
                    {"open", optional_number(q.open)},
                    {"high", optional_number(q.high)},
                    {"low", optional_number(q.low)},
                    {"volume", optional_number(q.volume)},
                    {"source", q.source}});
  }
  try {
    return tx.exec_params(kFoldQuotes, rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        .affected_rows();
  } catch (const std::exception& error) {
    std::throw_with_nested(
        std::runtime_error("folding " + std::to_string(quotes.size()) +
                           " quotes into their daily bars in asset_prices: " + error.what()));
  }
}

}  // namespace pricefeed::host
