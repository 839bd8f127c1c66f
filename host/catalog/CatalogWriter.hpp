// Writes merged catalog entries into `assets` in one statement: new listings inserted; existing
// rows get the catalog's name, exchange and currency, their source_ids merged (a source's id added or
// replaced, other sources' ids kept) and are marked active. A row the catalog would not change is not
// touched at all, so a second seeding writes nothing.
#pragma once

#include <cstddef>
#include <vector>

#include <pqxx/transaction_base>

#include "host/catalog/CatalogMerge.hpp"

namespace pricefeed::host {

struct CatalogWriteSummary {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
};

CatalogWriteSummary write_catalog(pqxx::transaction_base& tx, const std::vector<CatalogEntry>& entries);

}  // namespace pricefeed::host
