// Which yearly partitions of asset_prices exist, remembered so that the writer asks PostgreSQL to
// create each year at most once per process instead of once per batch.
#pragma once

#include <mutex>
#include <set>

#include <pqxx/connection>

namespace pricefeed::host {

// Thread-safe. One cache belongs to one database: share it among the writers of one pool, never
// across databases (a year created in one is not there in another).
class PricePartitions {
 public:
  // Makes sure asset_prices has a partition for every UTC year in `years`: for each year not known
  // yet, SELECT pricefeed_ensure_price_partition(year) in a short transaction of its own (creating a
  // partition locks asset_prices exclusively for a moment, so never inside a writing transaction).
  // Must be called with no transaction open on `connection`.
  void ensure(pqxx::connection_base& connection, const std::set<int>& years);

  // Forgets every year, e.g. after an insert found no partition because an operator detached one.
  void forget();

  bool known(int year) const;

 private:
  mutable std::mutex mutex_;
  std::set<int> known_years_;
};

}  // namespace pricefeed::host
