// Writes the merged catalog into `assets` through AssetRegistry: its listings inserted or updated in
// one go (AssetRegistry::write_listings: a row the catalog would not change is not touched, so a second
// seeding writes nothing), and the listings that vanished counted and, the second time in a row,
// retired (active = false).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "host/assets/AssetListing.hpp"

namespace pricefeed::host {

struct CatalogWriteSummary {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t missed = 0;       // listed before by a source that answered, not listed now
  std::size_t deactivated = 0;  // of those, missing for the second time in a row: now inactive
};

// `answered`: the sources whose catalogs were read completely this time. An asset one of them listed
// before (its id is in source_ids) that no catalog lists now counts a miss; the second miss in a row
// marks it inactive. A listed asset's misses are reset.
CatalogWriteSummary write_catalog(pqxx::transaction_base& tx, const std::vector<AssetListing>& entries,
                                  const std::vector<std::string>& answered);

}  // namespace pricefeed::host
