#include "host/cli/SeedCatalogCommand.hpp"

#include <iostream>

#include "host/catalog/CatalogSeeder.hpp"
#include "host/cli/ShutdownSignal.hpp"
#include "host/cli/SourceRuntime.hpp"
#include "host/cli/TextTable.hpp"
#include "host/db/Database.hpp"

namespace pricefeed::host {

int run_seed_catalog_command(const GlobalOptions& options) {
  Config config = load_command_config(options);
  SourceRuntime sources(config);
  auto connection = open_database_connection(config.database.url);
  const CatalogSeedReport report =
      CatalogSeeder(sources.registry(), config.routing).seed(*connection, &shutdown_requested());

  TextTable table({"SOURCE", "CLASS", "LISTED"});
  for (const CatalogSourceOutcome& source : report.sources) {
    if (!source.ok) {
      table.add({source.source, "-", "failed: " + source.error});
    } else if (source.listed_by_class.empty()) {
      table.add({source.source, "-", "0"});
    }
    for (const auto& [asset_class, count] : source.listed_by_class)
      table.add({source.source, asset_class, std::to_string(count)});
  }
  if (report.sources.empty()) {
    std::cout << "no running source has a catalog (see `pricefeed plugins`)\n";
  } else {
    table.print(std::cout);
  }
  std::cout << "assets: " << report.written.inserted << " new, " << report.written.updated << " updated, "
            << report.written.unchanged << " unchanged\n";
  if (!report.refused.empty()) {
    const RefusedListing& first = report.refused.front();
    std::cout << report.refused.size() << " listings refused, e.g. " << first.source << " \"" << first.symbol
              << "\": " << first.reason << "\n";
  }
  return report.all_sources_ok() ? 0 : 1;
}

}  // namespace pricefeed::host
