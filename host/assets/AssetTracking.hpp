// The one writer of table `tracked_assets`: which assets pricefeed keeps fresh, how many users hold
// each (tracking_users > 0: the daemon quotes it), and from which date its history is stored or
// queued (history_from: an event needing an earlier start queues only what is missing). Every
// function works inside the caller's transaction. Dates are text as PostgreSQL reads a date,
// "2024-03-15".
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

namespace pricefeed::host {

class AssetTracking {
 public:
  // Starts tracking an asset that is not tracked yet, from `history_from`. tracking_users is
  // counted from asset_holders, not assumed to be 1: holders may predate tracking (rows loaded by
  // hand).
  static void start(pqxx::transaction_base& tx, std::int64_t asset_id, std::chrono::sys_days history_from);

  // A tracked asset gained `added_users` holders (0 is fine) and its history now starts at
  // `history_from`, set as given: the caller has compared it with the stored one.
  static void update(pqxx::transaction_base& tx, std::int64_t asset_id, int added_users,
                     std::chrono::sys_days history_from);

  // One holder fewer, never below zero. The row stays, even at zero users: its history_from still
  // tells the next buyer what history exists.
  static void remove_user(pqxx::transaction_base& tx, std::int64_t asset_id);

  // Tracks the asset from `history_from` on (a backfill asked for by hand): a new row has no users;
  // an existing one keeps the earlier of its history_from and this one.
  static void track_from(pqxx::transaction_base& tx, std::int64_t asset_id,
                         std::chrono::sys_days history_from);

  // Makes sure the asset has a row, with no users when it is new; an existing row is left as it is.
  static void ensure_tracked(pqxx::transaction_base& tx, std::int64_t asset_id);

  // History of the asset was stored from `first_ts` (unix seconds) on: history_from moves back to
  // that bar's UTC date when it is earlier (never forward; a row with none gets it), and
  // last_price_update is set when `rows_written`. An untracked asset is left untracked.
  static void record_history(pqxx::transaction_base& tx, std::int64_t asset_id, std::int64_t first_ts,
                             bool rows_written);

  // Live prices of these assets were written: last_price_update = now() for each tracked one.
  static void record_price_updates(pqxx::transaction_base& tx, const std::vector<std::int64_t>& asset_ids);
};

}  // namespace pricefeed::host
