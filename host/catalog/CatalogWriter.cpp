#include "host/catalog/CatalogWriter.hpp"

#include "host/assets/AssetRegistry.hpp"

namespace pricefeed::host {

CatalogWriteSummary write_catalog(pqxx::transaction_base& tx, const std::vector<AssetListing>& entries,
                                  const std::vector<std::string>& answered) {
  CatalogWriteSummary summary;
  // Only a source that answered can tell that a listing is gone; one that failed says nothing.
  if (!answered.empty()) {
    const ListingsMissed missed = AssetRegistry::record_missing_listings(tx, entries, answered);
    summary.missed = missed.missed;
    summary.deactivated = missed.deactivated;
  }
  if (entries.empty()) return summary;
  const ListingsWritten written = AssetRegistry::write_listings(tx, entries);
  summary.inserted = written.inserted;
  summary.updated = written.updated;
  summary.unchanged = entries.size() - summary.inserted - summary.updated;
  return summary;
}

}  // namespace pricefeed::host
