#include "host/daemon/LatestPriceWriter.hpp"

#include <cmath>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "host/assets/AssetTracking.hpp"
#include "host/metrics/HostMetrics.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {
namespace {

constexpr std::chrono::seconds kClockSkewAllowance{60};

constexpr const char* kWriteQuotes = R"sql(
WITH q AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS q(asset_id bigint, price float8, currency text, ts bigint,
                                                   day date, open float8, high float8, low float8,
                                                   volume float8, source text)
), latest AS (
  INSERT INTO latest_prices AS l (asset_id, price, currency, ts, source, updated_at)
  SELECT asset_id, price, NULLIF(currency, ''), to_timestamp(ts), source, now() FROM q
  ON CONFLICT (asset_id) DO UPDATE SET price = EXCLUDED.price, currency = COALESCE(EXCLUDED.currency, l.currency),
    ts = EXCLUDED.ts, source = EXCLUDED.source, updated_at = now()
  WHERE EXCLUDED.ts >= l.ts
  RETURNING asset_id
), bars AS (
  INSERT INTO asset_prices AS p (asset_id, resolution, ts, open, high, low, close, volume, source)
  SELECT asset_id, '1d', day::timestamp AT TIME ZONE 'UTC', COALESCE(open, price),
         GREATEST(COALESCE(high, price), price), LEAST(COALESCE(low, price), price), price, volume, source
  FROM q
  ON CONFLICT (asset_id, resolution, ts) DO UPDATE SET
    high = GREATEST(p.high, EXCLUDED.high), low = LEAST(p.low, EXCLUDED.low), close = EXCLUDED.close,
    volume = COALESCE(EXCLUDED.volume, p.volume), source = EXCLUDED.source
  RETURNING asset_id
)
SELECT (SELECT count(*) FROM latest), (SELECT count(*) FROM bars)
)sql";

std::optional<std::string> quote_problem(const Quote& quote, std::chrono::sys_seconds now) {
  if (!std::isfinite(quote.price)) return "price is not a finite number";
  if (!(quote.price > 0)) return "price " + std::to_string(quote.price) + " is not positive";
  if (quote.ts > (now + kClockSkewAllowance).time_since_epoch().count()) {
    return "timestamp " + std::to_string(quote.ts) + " is in the future";
  }
  for (double value : {quote.open, quote.high, quote.low}) {
    if (!std::isnan(value) && !(value > 0 && std::isfinite(value)))
      return "session open/high/low is not positive";
  }
  return std::nullopt;
}

nlohmann::json optional_number(double value) {
  return std::isnan(value) ? nlohmann::json(nullptr) : nlohmann::json(value);
}

int utc_year(std::chrono::sys_days day) {
  return static_cast<int>(std::chrono::year_month_day{day}.year());
}

}  // namespace

LatestPriceWriteSummary write_latest_prices(pqxx::connection& connection, PricePartitions& partitions,
                                            const std::vector<AssetQuote>& quotes,
                                            std::chrono::sys_seconds now) {
  LatestPriceWriteSummary summary;
  nlohmann::json rows = nlohmann::json::array();
  std::set<int> years;
  std::set<std::int64_t> seen;
  for (const AssetQuote& q : quotes) {
    if (auto problem = quote_problem(q.quote, now)) {
      summary.refused.push_back({q.asset_id, q.symbol, q.source, *problem});
      host_metrics().rows_rejected.labels({q.source, "invalid_quote"}).inc();
      continue;
    }
    // One row per asset and statement: ON CONFLICT cannot touch a row twice.
    if (!seen.insert(q.asset_id).second) continue;
    const double volume = std::isnan(q.quote.volume) || q.quote.volume < 0 ? std::nan("") : q.quote.volume;
    rows.push_back({{"asset_id", q.asset_id},
                    {"price", q.quote.price},
                    {"currency", q.quote.currency},
                    {"ts", q.quote.ts},
                    {"day", format_iso_date(q.trading_date)},
                    {"open", optional_number(q.quote.open)},
                    {"high", optional_number(q.quote.high)},
                    {"low", optional_number(q.quote.low)},
                    {"volume", optional_number(volume)},
                    {"source", q.source}});
    years.insert(utc_year(q.trading_date));
    summary.written_asset_ids.push_back(q.asset_id);
  }
  if (rows.empty()) return summary;
  partitions.ensure(connection, years);
  pqxx::work tx(connection, "write latest prices");
  const auto counts =
      tx.exec_params1(kWriteQuotes, rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  AssetTracking::record_price_updates(tx, summary.written_asset_ids);
  tx.commit();
  // Every quote sent upserts exactly one daily bar in asset_prices (its ON CONFLICT always updates),
  // so the rows written per source are the quotes sent per source.
  for (const auto& row : rows)
    host_metrics().rows_written.labels({row["source"].get_ref<const std::string&>()}).inc();
  summary.latest_updated = counts[0].as<std::size_t>();
  summary.bars_written = counts[1].as<std::size_t>();
  return summary;
}

}  // namespace pricefeed::host
