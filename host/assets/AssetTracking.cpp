#include "host/assets/AssetTracking.hpp"

#include <nlohmann/json.hpp>

#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {

void AssetTracking::start(pqxx::transaction_base& tx, std::int64_t asset_id,
                          std::chrono::sys_days history_from) {
  tx.exec_params(
      "INSERT INTO tracked_assets (asset_id, tracking_users, history_from) "
      "VALUES ($1, (SELECT count(*) FROM asset_holders WHERE asset_id = $1 AND quantity > 0), $2::date)",
      asset_id, format_iso_date(history_from));
}

void AssetTracking::update(pqxx::transaction_base& tx, std::int64_t asset_id, int added_users,
                           std::chrono::sys_days history_from) {
  tx.exec_params(
      "UPDATE tracked_assets SET tracking_users = tracking_users + $2, history_from = $3::date, "
      "last_tracked_at = now() WHERE asset_id = $1",
      asset_id, added_users, format_iso_date(history_from));
}

void AssetTracking::remove_user(pqxx::transaction_base& tx, std::int64_t asset_id) {
  tx.exec_params(
      "UPDATE tracked_assets SET tracking_users = tracking_users - 1, last_tracked_at = now() "
      "WHERE asset_id = $1 AND tracking_users > 0",
      asset_id);
}

void AssetTracking::track_from(pqxx::transaction_base& tx, std::int64_t asset_id,
                               std::chrono::sys_days history_from) {
  tx.exec_params(
      "INSERT INTO tracked_assets (asset_id, history_from) VALUES ($1, $2::date) "
      "ON CONFLICT (asset_id) DO UPDATE SET history_from = LEAST(tracked_assets.history_from, "
      "EXCLUDED.history_from), "
      "last_tracked_at = now()",
      asset_id, format_iso_date(history_from));
}

void AssetTracking::ensure_tracked(pqxx::transaction_base& tx, std::int64_t asset_id) {
  tx.exec_params("INSERT INTO tracked_assets (asset_id) VALUES ($1) ON CONFLICT (asset_id) DO NOTHING",
                 asset_id);
}

void AssetTracking::record_history(pqxx::transaction_base& tx, std::int64_t asset_id, std::int64_t first_ts,
                                   bool rows_written) {
  // LEAST ignores NULL, so an asset with no history_from yet gets the first stored date.
  tx.exec_params(
      "UPDATE tracked_assets SET history_from = LEAST(history_from, (to_timestamp($2::double precision) "
      "AT TIME ZONE 'UTC')::date), last_price_update = CASE WHEN $3::boolean THEN now() ELSE "
      "last_price_update END "
      "WHERE asset_id = $1",
      asset_id, first_ts, rows_written);
}

void AssetTracking::record_price_updates(pqxx::transaction_base& tx,
                                         const std::vector<std::int64_t>& asset_ids) {
  // The ids come as a JSON array: libpqxx 6 has no array parameters.
  tx.exec_params(
      "UPDATE tracked_assets SET last_price_update = now() "
      "WHERE asset_id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))",
      nlohmann::json(asset_ids).dump());
}

}  // namespace pricefeed::host
