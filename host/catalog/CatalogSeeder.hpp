// `pricefeed seed-catalog` and the weekly refresh: asks every running source that declares the
// catalog capability for its listings (of the classes some [routing] chain serves), merges them
// (CatalogMerge) and upserts them in one transaction (CatalogWriter). A source that fails is
// reported and left out; the others' listings are still written.
#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "host/catalog/CatalogMerge.hpp"
#include "host/catalog/CatalogWriter.hpp"
#include "host/config/Config.hpp"
#include "host/plugins/SourceRegistry.hpp"

namespace pricefeed::host {

struct CatalogSourceOutcome {
  std::string source;
  bool ok = false;
  std::string error;                                   // "status: message" when !ok
  std::map<std::string, std::size_t> listed_by_class;  // "stock" -> listings taken
};

struct CatalogSeedReport {
  std::vector<CatalogSourceOutcome> sources;  // every catalog source, in registry order
  std::vector<RefusedListing> refused;
  CatalogWriteSummary written;
  bool all_sources_ok() const;
};

class CatalogSeeder {
 public:
  CatalogSeeder(const SourceRegistry& sources, const RoutingConfig& routing)
      : sources_(sources), routing_(routing) {}

  CatalogSeedReport seed(pqxx::connection& connection, const std::atomic<bool>* cancelled = nullptr) const;

 private:
  // The classes worth asking for: those some routing chain serves.
  std::uint32_t routed_classes() const;

  const SourceRegistry& sources_;
  const RoutingConfig& routing_;
};

}  // namespace pricefeed::host
