#include "host/db/PricePartitions.hpp"

#include <vector>

#include <pqxx/result>
#include <pqxx/transaction>

namespace pricefeed::host {

void PricePartitions::ensure(pqxx::connection_base& connection, const std::set<int>& years) {
  std::vector<int> missing;
  {
    std::lock_guard lock(mutex_);
    for (const int year : years) {
      if (!known_years_.contains(year)) missing.push_back(year);
    }
  }
  if (missing.empty()) return;
  // Two writers may both miss a year and both call the function: it is idempotent and serializes
  // creators of one year itself, so the race costs one extra catalog look-up.
  pqxx::work tx(connection, "ensure price partitions");
  for (const int year : missing)
    tx.exec_params("SELECT pricefeed_ensure_price_partition($1)", year);
  tx.commit();
  std::lock_guard lock(mutex_);
  known_years_.insert(missing.begin(), missing.end());
}

void PricePartitions::forget() {
  std::lock_guard lock(mutex_);
  known_years_.clear();
}

bool PricePartitions::known(int year) const {
  std::lock_guard lock(mutex_);
  return known_years_.contains(year);
}

}  // namespace pricefeed::host
