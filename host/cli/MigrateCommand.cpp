#include "host/cli/MigrateCommand.hpp"

#include <iostream>

#include "host/db/Migrator.hpp"
#include "host/db/SqlDirectory.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {

int run_migrate_command(const GlobalOptions& options) {
  Config config = load_command_config(options);
  Migrator migrator(find_sql_directory());
  MigrationReport report = migrator.migrate(config.database.url);
  log_info("migrations done",
           {{"applied", report.applied.size()}, {"schema_version", report.schema_version}});
  std::cout << report.summary() << "\n";
  return 0;
}

}  // namespace pricefeed::host
