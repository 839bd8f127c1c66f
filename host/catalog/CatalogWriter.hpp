// Writes merged catalog entries into `assets` in one statement: new listings inserted; existing
// rows get the catalog's name, exchange and currency, their source_ids merged (a source's id added or
// replaced, other sources' ids kept) and are marked active. A row the catalog would not change is not
// touched at all, so a second seeding writes nothing. Listings that vanished are counted and, the
// second time in a row, retired (active = false).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "host/catalog/CatalogMerge.hpp"

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
CatalogWriteSummary write_catalog(pqxx::transaction_base& tx, const std::vector<CatalogEntry>& entries,
                                  const std::vector<std::string>& answered);

}  // namespace pricefeed::host
