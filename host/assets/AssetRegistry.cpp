#include "host/assets/AssetRegistry.hpp"

#include <nlohmann/json.hpp>

namespace pricefeed::host {
namespace {

// Empty text means "the catalog does not say": it never erases what a row has.
constexpr const char* kWriteListings = R"sql(
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

// The sources that answered come as a JSON array: libpqxx 6 has no array parameters.
constexpr const char* kRecordMissingListings = R"sql(
WITH listed AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS l(asset_class text, symbol text)
), missed AS (
  UPDATE assets a SET catalog_misses = a.catalog_misses + 1, active = a.catalog_misses + 1 < 2,
                      updated_at = now()
  WHERE a.active AND a.source_ids ?| ARRAY(SELECT jsonb_array_elements_text($2::jsonb))
    AND NOT EXISTS (SELECT 1 FROM listed l WHERE l.asset_class = a.asset_class AND l.symbol = a.symbol)
  RETURNING a.active
)
SELECT count(*), count(*) FILTER (WHERE NOT active) FROM missed
)sql";

std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::optional<std::int64_t> AssetRegistry::lock(pqxx::transaction_base& tx, AssetClass asset_class,
                                                const std::string& symbol) {
  const pqxx::result rows =
      tx.exec_params("SELECT id FROM assets WHERE asset_class = $1 AND symbol = $2 FOR NO KEY UPDATE",
                     asset_class_name(asset_class), symbol);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::int64_t>();
}

std::int64_t AssetRegistry::lock_or_create(pqxx::transaction_base& tx, AssetClass asset_class,
                                           const std::string& symbol) {
  tx.exec_params(
      "INSERT INTO assets (symbol, asset_class) VALUES ($1, $2) ON CONFLICT (asset_class, symbol) DO NOTHING",
      symbol, asset_class_name(asset_class));
  return *lock(tx, asset_class, symbol);
}

namespace {

// The one upsert behind activate() and keep_active(): they differ only in whether a reactivation
// dates itself.
std::int64_t upsert_active(pqxx::transaction_base& tx, AssetClass asset_class, const std::string& symbol,
                           const std::string& name, bool date_the_change) {
  const std::string on_conflict = date_the_change ? "active = true, updated_at = now()" : "active = true";
  return tx
      .exec_params1(
          "INSERT INTO assets (symbol, name, asset_class) VALUES ($1, $2, $3) "
          "ON CONFLICT (asset_class, symbol) DO UPDATE SET " +
              on_conflict + " RETURNING id",
          symbol, name, asset_class_name(asset_class))[0]
      .as<std::int64_t>();
}

}  // namespace

std::int64_t AssetRegistry::activate(pqxx::transaction_base& tx, AssetClass asset_class,
                                     const std::string& symbol, const std::string& name) {
  return upsert_active(tx, asset_class, symbol, name, true);
}

std::int64_t AssetRegistry::keep_active(pqxx::transaction_base& tx, AssetClass asset_class,
                                        const std::string& symbol, const std::string& name) {
  return upsert_active(tx, asset_class, symbol, name, false);
}

ListingsWritten AssetRegistry::write_listings(pqxx::transaction_base& tx,
                                              const std::vector<AssetListing>& listings) {
  nlohmann::json rows = nlohmann::json::array();
  for (const AssetListing& listing : listings) {
    rows.push_back({{"asset_class", asset_class_name(listing.asset_class)},
                    {"symbol", listing.symbol},
                    {"name", listing.name},
                    {"exchange", listing.exchange},
                    {"currency", listing.currency},
                    {"source_ids", listing.source_ids}});
  }
  const pqxx::row counts = tx.exec_params1(kWriteListings, json_text(rows));
  return {counts[0].as<std::size_t>(), counts[1].as<std::size_t>()};
}

ListingsMissed AssetRegistry::record_missing_listings(pqxx::transaction_base& tx,
                                                      const std::vector<AssetListing>& listed,
                                                      const std::vector<std::string>& answered) {
  nlohmann::json keys = nlohmann::json::array();
  for (const AssetListing& listing : listed)
    keys.push_back({{"asset_class", asset_class_name(listing.asset_class)}, {"symbol", listing.symbol}});
  const pqxx::row counts = tx.exec_params1(kRecordMissingListings, json_text(keys), json_text(answered));
  return {counts[0].as<std::size_t>(), counts[1].as<std::size_t>()};
}

}  // namespace pricefeed::host
