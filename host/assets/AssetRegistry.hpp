// The one writer of table `assets`: an asset is created, found, reactivated or retired here and
// nowhere else, so what a row means (which writer may set its name, when it is active) is decided in
// one place. Every function works inside the caller's transaction: the caller decides what else
// commits with it. An asset is known by its class and symbol (stock, "AAPL"); its id is what the
// rest of the database references.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "host/assets/AssetClass.hpp"
#include "host/assets/AssetListing.hpp"

namespace pricefeed::host {

class AssetRegistry {
 public:
  // The asset's id with its row locked until `tx` ends, or nothing when there is no such asset.
  // FOR NO KEY UPDATE, not FOR UPDATE: writers of rows that merely reference the asset (prices,
  // jobs) take FOR KEY SHARE for their foreign key and are not held up, while every caller that
  // locks the asset (each event of it, whichever process handles it) waits its turn.
  static std::optional<std::int64_t> lock(pqxx::transaction_base& tx, AssetClass asset_class,
                                          const std::string& symbol);

  // lock(), creating the asset first when there is none. A new asset has its class and symbol only:
  // its name, exchange and currency are the catalog's and the sources' to tell. An existing one is
  // left exactly as it is, inactive included.
  static std::int64_t lock_or_create(pqxx::transaction_base& tx, AssetClass asset_class,
                                     const std::string& symbol);

  // The asset's id. A new asset is named `name`; an existing one keeps its name, is made active again
  // and its updated_at is set: someone asked for it, and that is a change worth dating.
  static std::int64_t activate(pqxx::transaction_base& tx, AssetClass asset_class, const std::string& symbol,
                               const std::string& name);

  // activate() for an asset asked for again and again (the daemon's forex pairs, every tick):
  // updated_at is left alone, so it keeps dating the last real change.
  static std::int64_t keep_active(pqxx::transaction_base& tx, AssetClass asset_class,
                                  const std::string& symbol, const std::string& name);

  // Writes the catalog's listings in one statement: new assets inserted; an existing one gets the
  // listing's name, exchange and currency (empty text never erases what the row has), the listing's
  // source ids merged into its own (a source's id added or replaced, other sources' ids kept), and is
  // active with no catalog misses. A row the listing would not change is not touched at all, so
  // writing the same listings twice changes nothing. Invalid UTF-8 (listings come from third-party
  // plugins) is replaced rather than failing the write.
  static ListingsWritten write_listings(pqxx::transaction_base& tx,
                                        const std::vector<AssetListing>& listings);

  // An active asset that one of the `answered` sources listed before (its id is in source_ids) and
  // that is not in `listed` counts a catalog miss; the second miss in a row makes it inactive.
  static ListingsMissed record_missing_listings(pqxx::transaction_base& tx,
                                                const std::vector<AssetListing>& listed,
                                                const std::vector<std::string>& answered);
};

}  // namespace pricefeed::host
