#include "host/quality/AnomalyDetector.hpp"

#include <pqxx/pqxx>

#include "host/db/ArrayLiteral.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {
namespace {

std::vector<PriceAnomaly> anomalies_of(const pqxx::result& rows) {
  std::vector<PriceAnomaly> out;
  for (const auto& row : rows) {
    PriceAnomaly a;
    a.id = row[0].as<std::int64_t>();
    a.asset_id = row[1].as<std::int64_t>();
    a.date = parse_iso_date(row[2].as<std::string>());
    a.previous_date = parse_iso_date(row[3].as<std::string>());
    a.previous_close = row[4].as<double>();
    a.close = row[5].as<double>();
    a.change_pct = row[6].as<double>();
    a.source = row[7].is_null() ? std::string() : row[7].as<std::string>();
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

std::vector<PriceAnomaly> detect_anomalies(pqxx::connection_base& connection, std::int64_t asset_id,
                                           std::chrono::sys_days from, std::chrono::sys_days to,
                                           double threshold_pct) {
  pqxx::work tx(connection, "quality: anomalies");
  // lag() over the range plus the last stored bar before it. ts is midnight UTC of the trading date.
  const pqxx::result rows = tx.exec_params(
      "WITH moves AS ("
      "  SELECT ts, close, source, lag(ts) OVER w AS previous_ts, lag(close) OVER w AS previous_close"
      "  FROM asset_prices"
      "  WHERE asset_id = $1 AND resolution = '1d' AND ts < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'"
      "    AND ts >= COALESCE((SELECT max(ts) FROM asset_prices WHERE asset_id = $1 AND resolution = '1d'"
      "                        AND ts < $2::date::timestamp AT TIME ZONE 'UTC'),"
      "                       $2::date::timestamp AT TIME ZONE 'UTC')"
      "  WINDOW w AS (ORDER BY ts)"
      "), flagged AS ("
      "  INSERT INTO price_anomalies (asset_id, resolution, ts, previous_close, close, change_pct, source)"
      "  SELECT $1, '1d', ts, previous_close, close, 100 * (close - previous_close) / previous_close, source"
      "  FROM moves"
      "  WHERE previous_close > 0 AND ts >= $2::date::timestamp AT TIME ZONE 'UTC'"
      "    AND abs(100 * (close - previous_close) / previous_close) > $4"
      "  ON CONFLICT (asset_id, resolution, ts) DO NOTHING"
      "  RETURNING id, ts, previous_close, close, change_pct, source"
      ")"
      "SELECT f.id, $1::bigint, to_char(f.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'),"
      "       to_char(m.previous_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), f.previous_close, f.close,"
      "       f.change_pct, f.source"
      " FROM flagged f JOIN moves m ON m.ts = f.ts ORDER BY f.ts",
      asset_id, format_iso_date(from), format_iso_date(to), threshold_pct);
  tx.commit();
  return anomalies_of(rows);
}

std::vector<PriceAnomaly> detect_latest_anomalies(pqxx::connection_base& connection,
                                                  const std::vector<std::int64_t>& asset_ids,
                                                  const QualityConfig& quality) {
  if (asset_ids.empty()) return {};
  std::vector<std::string> classes, thresholds;
  for (const auto& [asset_class, pct] : quality.spike_threshold_pct_by_class) {
    classes.push_back(asset_class_name(asset_class));
    thresholds.push_back(std::to_string(pct));
  }
  pqxx::work tx(connection, "quality: anomalies of the latest bars");
  // Two index probes per asset (its newest daily bar, the one before) on asset_prices' primary key.
  const pqxx::result rows = tx.exec_params(
      "WITH thresholds AS (SELECT * FROM unnest($2::text[], $3::float8[]) AS t(asset_class, pct)),"
      " moves AS ("
      "  SELECT a.id AS asset_id, COALESCE(t.pct, $4) AS pct, cur.ts, cur.close, cur.source,"
      "         prev.ts AS previous_ts, prev.close AS previous_close"
      "  FROM assets a LEFT JOIN thresholds t ON t.asset_class = a.asset_class"
      "  JOIN LATERAL (SELECT ts, close, source FROM asset_prices WHERE asset_id = a.id AND resolution = '1d'"
      "                ORDER BY ts DESC LIMIT 1) cur ON true"
      "  JOIN LATERAL (SELECT ts, close FROM asset_prices WHERE asset_id = a.id AND resolution = '1d'"
      "                AND ts < cur.ts ORDER BY ts DESC LIMIT 1) prev ON true"
      "  WHERE a.id = ANY($1::bigint[])"
      "), flagged AS ("
      "  INSERT INTO price_anomalies (asset_id, resolution, ts, previous_close, close, change_pct, source)"
      "  SELECT asset_id, '1d', ts, previous_close, close, 100 * (close - previous_close) / previous_close, "
      "source"
      "  FROM moves WHERE previous_close > 0 AND abs(100 * (close - previous_close) / previous_close) > pct"
      "  ON CONFLICT (asset_id, resolution, ts) DO NOTHING"
      "  RETURNING id, asset_id, ts, previous_close, close, change_pct, source"
      ")"
      "SELECT f.id, f.asset_id, to_char(f.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'),"
      "       to_char(m.previous_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), f.previous_close, f.close,"
      "       f.change_pct, f.source"
      " FROM flagged f JOIN moves m ON m.asset_id = f.asset_id AND m.ts = f.ts ORDER BY f.asset_id",
      bigint_array_literal(asset_ids), text_array_literal(classes), text_array_literal(thresholds),
      quality.spike_threshold_pct);
  tx.commit();
  return anomalies_of(rows);
}

}  // namespace pricefeed::host
