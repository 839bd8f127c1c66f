#include "host/cli/MigrateCommand.hpp"

#include <filesystem>
#include <iostream>

#include "host/db/Migrator.hpp"
#include "host/db/SqlDirectory.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {

int run_migrate_command(const GlobalOptions& options) {
  Config config = load_command_config(options);
  // Named before connecting: which migrations an installed binary applies is otherwise invisible
  // (docs/database.md, "Finding the migrations").
  const std::filesystem::path sql_directory = find_sql_directory();
  log_info("reading migrations", {{"directory", sql_directory.string()}});
  Migrator migrator(sql_directory, std::chrono::seconds(config.cluster.dead_after_seconds));
  MigrationReport report = migrator.migrate(config.database.session_connection_url());
  for (const std::string& note : report.older_hosts_notes) {
    log_info("migration applied beside older hosts", {{"note", note}});
    std::cout << note << "\n";
  }
  log_info("migrations done",
           {{"applied", report.applied.size()}, {"schema_version", report.schema_version}});
  std::cout << report.summary() << "\n";
  return 0;
}

}  // namespace pricefeed::host
