#include "host/catalog/CatalogWriter.hpp"

#include <nlohmann/json.hpp>

#include "host/db/ArrayLiteral.hpp"

namespace pricefeed::host {
namespace {

// Empty text means "the catalog does not say": it never erases what a row has.
constexpr const char* kUpsert = R"sql(
WITH listed AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS l(asset_class text, symbol text, name text, exchange text, currency text, source_ids jsonb)
), upserted AS (
  INSERT INTO assets AS a (asset_class, symbol, name, exchange, currency, source_ids)
  SELECT asset_class, symbol, NULLIF(name, ''), NULLIF(exchange, ''), NULLIF(currency, ''), source_ids
  FROM listed
  ON CONFLICT (asset_class, symbol) DO UPDATE SET
    name = COALESCE(EXCLUDED.name, a.name),
    exchange = COALESCE(EXCLUDED.exchange, a.exchange),
    currency = COALESCE(EXCLUDED.currency, a.currency),
    source_ids = a.source_ids || EXCLUDED.source_ids,
    active = true,
    catalog_misses = 0,
    updated_at = now()
  WHERE (a.name, a.exchange, a.currency, a.source_ids, a.active, a.catalog_misses) IS DISTINCT FROM
        (COALESCE(EXCLUDED.name, a.name), COALESCE(EXCLUDED.exchange, a.exchange),
         COALESCE(EXCLUDED.currency, a.currency), a.source_ids || EXCLUDED.source_ids, true, 0)
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted
)sql";

// Assets a source that answered listed before (their id is in source_ids) and no catalog lists now.
constexpr const char* kCountMisses = R"sql(
WITH listed AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS l(asset_class text, symbol text)
), missed AS (
  UPDATE assets a SET catalog_misses = a.catalog_misses + 1, active = a.catalog_misses + 1 < 2,
                      updated_at = now()
  WHERE a.active AND a.source_ids ?| $2::text[]
    AND NOT EXISTS (SELECT 1 FROM listed l WHERE l.asset_class = a.asset_class AND l.symbol = a.symbol)
  RETURNING a.active
)
SELECT count(*), count(*) FILTER (WHERE NOT active) FROM missed
)sql";

}  // namespace

CatalogWriteSummary write_catalog(pqxx::transaction_base& tx, const std::vector<CatalogEntry>& entries,
                                  const std::vector<std::string>& answered) {
  CatalogWriteSummary summary;
  if (!answered.empty()) {
    nlohmann::json keys = nlohmann::json::array();
    for (const CatalogEntry& entry : entries)
      keys.push_back({{"asset_class", asset_class_name(entry.asset_class)}, {"symbol", entry.symbol}});
    const auto missed =
        tx.exec_params1(kCountMisses, keys.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        text_array_literal(answered));
    summary.missed = missed[0].as<std::size_t>();
    summary.deactivated = missed[1].as<std::size_t>();
  }
  if (entries.empty()) return summary;
  nlohmann::json rows = nlohmann::json::array();
  for (const CatalogEntry& entry : entries) {
    rows.push_back({{"asset_class", asset_class_name(entry.asset_class)},
                    {"symbol", entry.symbol},
                    {"name", entry.name},
                    {"exchange", entry.exchange},
                    {"currency", entry.currency},
                    {"source_ids", entry.source_ids}});
  }
  // Listings come from third-party plugins: invalid UTF-8 is replaced rather than failing the seeding.
  const auto counts =
      tx.exec_params1(kUpsert, rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  summary.inserted = counts[0].as<std::size_t>();
  summary.updated = counts[1].as<std::size_t>();
  summary.unchanged = entries.size() - summary.inserted - summary.updated;
  return summary;
}

}  // namespace pricefeed::host
