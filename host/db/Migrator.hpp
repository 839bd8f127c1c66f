#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection_base>

#include "host/db/MigrationFile.hpp"

namespace pricefeed::host {

// What one run of the migrator did.
struct MigrationReport {
  std::vector<MigrationFile> applied;  // applied by this run, in order; empty when already up to date
  int schema_version = 0;              // the highest version recorded once the run finished
  // Why each migration applied beside live hosts that do not know it was safe to apply:
  // "012_x.sql: older hosts vm:12 (0.1.0) are alive; safe: adds a table older hosts do not read".
  std::vector<std::string> older_hosts_notes;

  bool up_to_date_already() const { return applied.empty(); }
  // One line for people: "applied 2 migrations (001_initial_schema, 002_x); schema is at version 2"
  // or "schema is at version 2 already; nothing to apply".
  std::string summary() const;
};

// Applies the numbered migrations of one directory to a database:
//  * creates schema_migrations(version, name, applied_at) when missing;
//  * holds a session advisory lock for the whole run, so that two processes migrating one database
//    at once apply each file exactly once (the second waits, then finds nothing to do);
//  * applies each pending file in its own transaction together with its schema_migrations row, so
//    a failing file leaves no trace and the files before it stay applied;
//  * refuses a database that records a version this directory does not have (migrated by a newer
//    pricefeed) or records a version under another name (a different sql/ tree);
//  * refuses, before applying anything, a pending migration newer than the schema_version of a live
//    host in `hosts` (alive within `dead_after`) unless the file carries the marker
//    "-- older-hosts: safe (<why>)" (OlderHostsMarker), in which case the report says why.
// Every failure is a MigrationError naming the file or versions.
class Migrator {
 public:
  // Lists and reads the directory's migrations now, so a malformed or unreadable file is reported
  // before anything touches the database.
  explicit Migrator(std::filesystem::path directory,
                    std::chrono::seconds dead_after = std::chrono::seconds(60));

  const std::filesystem::path& directory() const { return directory_; }
  const std::vector<MigrationFile>& migrations() const { return migrations_; }
  // The version the newest file brings the schema to.
  int latest_version() const;

  MigrationReport migrate(pqxx::connection_base& connection) const;
  // Opens its own connection (see open_database_connection) for the run, after making sure it keeps
  // its session for the lock (require_session: not PgBouncer in transaction pooling mode).
  MigrationReport migrate(const std::string& database_url) const;

 private:
  // Throws MigrationError when a pending migration without the older-hosts marker is newer than a live
  // host's schema; returns the notes for those that have it.
  std::vector<std::string> guard_older_hosts(pqxx::connection_base& connection,
                                             const std::map<int, std::string>& recorded) const;

  std::filesystem::path directory_;
  std::vector<MigrationFile> migrations_;
  std::vector<std::string> sql_;                                  // the text of migrations_[i]
  std::vector<std::optional<std::string>> safe_for_older_hosts_;  // the marker's reason of migrations_[i]
  std::chrono::seconds dead_after_;
};

}  // namespace pricefeed::host
