#include "host/daemon/LatestPriceWriter.hpp"

#include <cmath>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "host/assets/AssetTracking.hpp"
#include "host/db/QuotedDailyBars.hpp"
#include "host/metrics/HostMetrics.hpp"

namespace pricefeed::host {
namespace {

constexpr std::chrono::seconds kClockSkewAllowance{60};

// A quote older than the stored one changes nothing.
constexpr const char* kWriteLatestPrices = R"sql(
INSERT INTO latest_prices AS l (asset_id, price, currency, ts, source, updated_at)
SELECT asset_id, price, NULLIF(currency, ''), to_timestamp(ts_ms / 1000.0), source, now()
FROM jsonb_to_recordset($1::jsonb) AS q(asset_id bigint, price float8, currency text, ts_ms bigint, source text)
ON CONFLICT (asset_id) DO UPDATE SET price = EXCLUDED.price, currency = COALESCE(EXCLUDED.currency, l.currency),
  ts = EXCLUDED.ts, source = EXCLUDED.source, updated_at = now()
WHERE EXCLUDED.ts >= l.ts
)sql";

std::optional<std::string> quote_problem(const Quote& quote, std::chrono::sys_seconds now) {
  if (!std::isfinite(quote.price)) return "price is not a finite number";
  if (!(quote.price > 0)) return "price " + std::to_string(quote.price) + " is not positive";
  const std::chrono::sys_time<std::chrono::milliseconds> instant{
      std::chrono::milliseconds{quote_instant_ms(quote)}};
  if (instant > now + kClockSkewAllowance) {
    return "timestamp " + std::to_string(quote.ts) + " is in the future";
  }
  for (double value : {quote.open, quote.high, quote.low}) {
    if (!std::isnan(value) && !(value > 0 && std::isfinite(value)))
      return "session open/high/low is not positive";
  }
  return std::nullopt;
}

}  // namespace

std::int64_t quote_instant_ms(const Quote& quote) {
  return quote.ts_ms > 0 ? quote.ts_ms : quote.ts * 1000;
}

LatestPriceWriteSummary write_latest_prices(pqxx::connection& connection, PricePartitions& partitions,
                                            const std::vector<AssetQuote>& quotes,
                                            std::chrono::sys_seconds now) {
  LatestPriceWriteSummary summary;
  nlohmann::json latest = nlohmann::json::array();
  std::vector<DailyBarQuote> bars;
  std::set<std::int64_t> seen;
  for (const AssetQuote& q : quotes) {
    if (auto problem = quote_problem(q.quote, now)) {
      summary.refused.push_back({q.asset_id, q.symbol, q.source, *problem});
      host_metrics().rows_rejected.labels({q.source, "invalid_quote"}).inc();
      continue;
    }
    // One row per asset and statement: ON CONFLICT cannot touch a row twice.
    if (!seen.insert(q.asset_id).second) continue;
    latest.push_back({{"asset_id", q.asset_id},
                      {"price", q.quote.price},
                      {"currency", q.quote.currency},
                      {"ts_ms", quote_instant_ms(q.quote)},
                      {"source", q.source}});
    bars.push_back({.asset_id = q.asset_id,
                    .trading_date = q.trading_date,
                    .price = q.quote.price,
                    .open = q.quote.open,
                    .high = q.quote.high,
                    .low = q.quote.low,
                    .volume = q.quote.volume < 0 ? DailyBarQuote::kAbsent : q.quote.volume,
                    .source = q.source});
    summary.written_asset_ids.push_back(q.asset_id);
  }
  if (bars.empty()) return summary;
  ensure_daily_bar_partitions(connection, partitions, bars);
  pqxx::work tx(connection, "write latest prices");
  summary.latest_updated =
      tx.exec_params(kWriteLatestPrices,
                     latest.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
          .affected_rows();
  summary.bars_written = fold_quotes_into_daily_bars(tx, bars);
  AssetTracking::record_price_updates(tx, summary.written_asset_ids);
  tx.commit();
  // Every quote sent upserts exactly one daily bar in asset_prices (its ON CONFLICT always updates),
  // so the rows written per source are the quotes sent per source.
  for (const DailyBarQuote& bar : bars)
    host_metrics().rows_written.labels({bar.source}).inc();
  return summary;
}

}  // namespace pricefeed::host
