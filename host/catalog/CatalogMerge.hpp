// Listings from several catalogs merged into one entry per (asset class, symbol). Every source that
// lists an asset adds its id to source_ids; the name, exchange and currency come from the source the
// class's [routing] chain prefers, so the result does not depend on the order the sources answered
// in, and seeding twice writes the same rows.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "host/assets/AssetListing.hpp"
#include "host/config/Config.hpp"
#include "host/plugins/SourceRecords.hpp"

namespace pricefeed::host {

// Why a listing was not taken: the source, the listing as given, and the reason.
struct RefusedListing {
  std::string source;
  std::string symbol;
  std::string reason;
};

class CatalogMerge {
 public:
  explicit CatalogMerge(const RoutingConfig& routing) : routing_(routing) {}

  // Takes one listing of `source`; a listing with an unknown class or a symbol that fails its class's
  // pattern is refused (false; see refused()) and changes nothing.
  bool add(const std::string& source, const Asset& asset);

  // The merged entries, ordered by class then symbol.
  std::vector<AssetListing> entries() const;
  const std::vector<RefusedListing>& refused() const noexcept { return refused_; }

 private:
  // Lower is preferred: the source's place in the class's chain; sources not in it come after.
  std::size_t preference(const std::string& source, AssetClass asset_class) const;

  struct Merged {
    AssetListing entry;
    std::size_t preference = 0;
  };
  const RoutingConfig& routing_;
  // By the class's name, then the symbol: the order entries() promises.
  std::map<std::pair<std::string_view, std::string>, Merged> merged_;
  std::vector<RefusedListing> refused_;
};

}  // namespace pricefeed::host
