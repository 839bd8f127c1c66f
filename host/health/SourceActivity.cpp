#include "host/health/SourceActivity.hpp"

#include <algorithm>
#include <cstdint>

#include <pqxx/result>
#include <pqxx/transaction>

#include "host/db/ArrayLiteral.hpp"

namespace pricefeed::host {
namespace {

// Timestamps travel as epoch milliseconds: no time zone or text format to get wrong on the way.
constexpr const char* kSourceActivitySql = R"sql(
SELECT s.source,
       (extract(epoch FROM done.completed_at) * 1000)::bigint,
       (extract(epoch FROM quotes.written_at) * 1000)::bigint,
       -- greatest() skips NULLs: without the CASE, a source with no quote would be 0 s behind.
       CASE WHEN quotes.newest_ts IS NOT NULL
            THEN greatest(0, floor(extract(epoch FROM now() - quotes.newest_ts)))::bigint END,
       err.error_message,
       (extract(epoch FROM err.updated_at) * 1000)::bigint,
       CASE WHEN quotes.oldest_ts IS NOT NULL
            THEN greatest(0, floor(extract(epoch FROM now() - quotes.oldest_ts)))::bigint END,
       anomalies.open, gaps.unresolved, divergences.open
FROM unnest($1::text[]) AS s(source)
LEFT JOIN LATERAL (
  SELECT max(completed_at) AS completed_at FROM backfill_queue
  WHERE source = s.source AND status = 'completed') done ON true
LEFT JOIN LATERAL (
  SELECT max(updated_at) AS written_at, max(ts) AS newest_ts, min(ts) AS oldest_ts FROM latest_prices
  WHERE source = s.source) quotes ON true
LEFT JOIN LATERAL (
  SELECT error_message, updated_at FROM backfill_queue
  WHERE source = s.source AND error_message IS NOT NULL
  ORDER BY updated_at DESC, id DESC LIMIT 1) err ON true
LEFT JOIN LATERAL (
  SELECT count(*) AS open FROM price_anomalies WHERE source = s.source AND status = 'open') anomalies ON true
LEFT JOIN LATERAL (
  SELECT count(*) AS unresolved FROM price_gaps g
  WHERE g.status IN ('open', 'queued', 'unfillable')
    AND (SELECT p.source FROM asset_prices p
         WHERE p.asset_id = g.asset_id AND p.resolution = g.resolution
           AND p.ts < (g.start_date::timestamp AT TIME ZONE 'UTC')
         ORDER BY p.ts DESC LIMIT 1) = s.source) gaps ON true
LEFT JOIN LATERAL (
  SELECT count(*) AS open FROM price_divergences
  WHERE status = 'open' AND s.source IN (source_a, source_b)) divergences ON true)sql";

std::optional<UtcTime> instant_of(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return UtcTime(std::chrono::milliseconds(field.as<std::int64_t>()));
}

}  // namespace

std::optional<UtcTime> SourceActivity::last_success_at() const {
  if (!last_backfill_completed_at) return last_quote_written_at;
  if (!last_quote_written_at) return last_backfill_completed_at;
  return std::max(*last_backfill_completed_at, *last_quote_written_at);
}

std::map<std::string, SourceActivity> read_source_activity(ConnectionPool& pool,
                                                           const std::vector<std::string>& sources) {
  std::map<std::string, SourceActivity> activity;
  if (sources.empty()) return activity;
  auto connection = pool.acquire();
  pqxx::read_transaction tx(*connection, "source activity");
  for (const auto& row : tx.exec_params(kSourceActivitySql, text_array_literal(sources))) {
    SourceActivity& entry = activity[row[0].as<std::string>()];
    entry.last_backfill_completed_at = instant_of(row[1]);
    entry.last_quote_written_at = instant_of(row[2]);
    if (!row[3].is_null()) entry.freshness_lag = std::chrono::seconds(row[3].as<std::int64_t>());
    if (!row[6].is_null()) entry.oldest_price_age = std::chrono::seconds(row[6].as<std::int64_t>());
    entry.open_anomalies = row[7].as<std::int64_t>();
    entry.unresolved_gaps = row[8].as<std::int64_t>();
    entry.open_divergences = row[9].as<std::int64_t>();
    if (!row[4].is_null()) {
      entry.last_error = SourceError{row[4].as<std::string>(), instant_of(row[5]).value_or(UtcTime{})};
    }
  }
  return activity;
}

}  // namespace pricefeed::host
