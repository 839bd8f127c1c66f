// What the catalogs say about one asset (one entry per asset class and symbol, already merged across
// sources), as AssetRegistry writes it into `assets`, and what writing a catalog's listings changed.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "host/assets/AssetClass.hpp"

namespace pricefeed::host {

struct AssetListing {
  AssetClass asset_class = AssetClass::stock;
  std::string symbol;
  std::string name;                               // empty: the catalogs do not say
  std::string exchange;                           // empty: the catalogs do not say
  std::string currency;                           // empty: the catalogs do not say
  std::map<std::string, std::string> source_ids;  // source name -> that source's id for the asset
};

struct ListingsWritten {
  std::size_t inserted = 0;  // assets that did not exist
  std::size_t updated = 0;   // existing assets the listings changed; the others were not touched
};

struct ListingsMissed {
  std::size_t missed = 0;       // listed before by a source that answered, not listed now
  std::size_t deactivated = 0;  // of those, missing for the second time in a row: now inactive
};

}  // namespace pricefeed::host
