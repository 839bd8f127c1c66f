#include "host/db/Migrator.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <pqxx/pqxx>

#include "host/db/Database.hpp"
#include "host/db/MigrationError.hpp"
#include "host/db/OlderHostsMarker.hpp"
#include "host/db/SessionCheck.hpp"

namespace pricefeed::host {
namespace {

// Every pricefeed process uses this key ("pricemig" in ASCII) for the migration lock; the price
// partition function locks with the two-integer form, whose keys never collide with this one.
constexpr std::int64_t kMigrationLockKey = 0x70726963656d6967;

constexpr const char* kCreateSchemaMigrations = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
))sql";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r'))
    text.pop_back();
  return text;
}

std::string read_whole_file(const MigrationFile& migration) {
  std::ifstream in(migration.path, std::ios::binary);
  if (!in) throw MigrationError("cannot read migration " + migration.path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw MigrationError("cannot read migration " + migration.path.string());
  return text.str();
}

std::string file_stem(const MigrationFile& migration) {
  return migration.path.stem().string();
}

// Holds the session-level advisory lock for as long as it lives. Released explicitly rather than
// left to the end of the session, because the caller may keep using the connection afterwards; if
// the connection dies, PostgreSQL releases it anyway.
class MigrationLock {
 public:
  explicit MigrationLock(pqxx::connection_base& connection) : connection_(connection) {
    pqxx::nontransaction lock(connection_, "take migration lock");
    lock.exec_params("SELECT pg_advisory_lock($1::bigint)", kMigrationLockKey);
  }
  ~MigrationLock() {
    try {
      pqxx::nontransaction unlock(connection_, "release migration lock");
      unlock.exec_params("SELECT pg_advisory_unlock($1::bigint)", kMigrationLockKey);
    } catch (...) {
      // A broken connection has lost the lock with the session; nothing to release.
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  pqxx::connection_base& connection_;
};

// version -> name, as recorded in schema_migrations.
std::map<int, std::string> recorded_versions(pqxx::connection_base& connection) {
  pqxx::work read(connection, "read schema_migrations");
  // Checked first rather than CREATE TABLE IF NOT EXISTS alone, whose notice on every later run
  // ("relation already exists, skipping") would be printed as noise.
  if (read.exec("SELECT to_regclass('schema_migrations') IS NULL")[0][0].as<bool>()) {
    read.exec(kCreateSchemaMigrations);
  }
  std::map<int, std::string> recorded;
  for (const auto& row : read.exec("SELECT version, name FROM schema_migrations ORDER BY version")) {
    recorded.emplace(row[0].as<int>(), row[1].as<std::string>());
  }
  read.commit();
  return recorded;
}

std::string describe_known_versions(const std::vector<MigrationFile>& migrations) {
  return "versions " + std::to_string(migrations.front().version) + ".." +
         std::to_string(migrations.back().version);
}

// Refuses a schema this set of files did not produce: applying older files to it, or running code
// that expects the older schema against it, would corrupt data or fail in obscure ways later.
void refuse_foreign_versions(const std::map<int, std::string>& recorded,
                             const std::vector<MigrationFile>& migrations,
                             const std::filesystem::path& directory) {
  std::map<int, const MigrationFile*> known;
  for (const MigrationFile& migration : migrations)
    known.emplace(migration.version, &migration);

  std::string unknown;
  bool unknown_is_newer = false;
  std::string renamed;
  for (const auto& [version, name] : recorded) {
    const auto found = known.find(version);
    if (found == known.end()) {
      unknown += (unknown.empty() ? "" : ", ") + std::to_string(version) + " (" + name + ")";
      unknown_is_newer = unknown_is_newer || version > migrations.back().version;
    } else if (found->second->name != name) {
      renamed += (renamed.empty() ? "" : "; ") + std::string("version ") + std::to_string(version) +
                 " is recorded as '" + name + "' but the file is " + found->second->file_name();
    }
  }
  if (!unknown.empty()) {
    throw MigrationError("the database has schema migrations this pricefeed does not know: " + unknown +
                         "; this pricefeed knows " + describe_known_versions(migrations) + " from " +
                         directory.string() +
                         (unknown_is_newer ? ". The database was migrated by a newer pricefeed: run that "
                                             "version, or point PRICEFEED_SQL_DIR at its sql/ directory"
                                           : ". It was migrated from a different sql/ directory"));
  }
  if (!renamed.empty()) {
    throw MigrationError("the database's schema_migrations do not match the files in " + directory.string() +
                         ": " + renamed + ". It was migrated from a different sql/ directory");
  }
}

// A live host as the migration guard sees it.
struct LiveHost {
  std::string id;
  std::string version;
  std::optional<int> schema_version;  // unknown: older than any migration
};

// The hosts alive within `dead_after`; none before migration 011 made the table.
std::vector<LiveHost> live_hosts(pqxx::connection_base& connection, std::chrono::seconds dead_after) {
  pqxx::read_transaction read(connection, "read live hosts");
  if (read.exec("SELECT to_regclass('hosts') IS NULL")[0][0].as<bool>()) return {};
  std::vector<LiveHost> hosts;
  for (const auto& row :
       read.exec_params("SELECT id, version, schema_version FROM hosts "
                        "WHERE pricefeed_host_alive(id, make_interval(secs => $1)) ORDER BY id",
                        static_cast<std::int64_t>(dead_after.count()))) {
    hosts.push_back({row[0].as<std::string>(), row[1].as<std::string>(),
                     row[2].is_null() ? std::nullopt : std::optional<int>(row[2].as<int>())});
  }
  return hosts;
}

// "vm:12 (version 0.1.0, knows schema 11), vm:13 (version 0.1.0, knows schema ?)"
std::string describe_hosts(const std::vector<const LiveHost*>& hosts) {
  std::string text;
  for (const LiveHost* host : hosts) {
    text += (text.empty() ? "" : ", ") + host->id + " (version " + host->version + ", knows schema " +
            (host->schema_version ? std::to_string(*host->schema_version) : "?") + ")";
  }
  return text;
}

}  // namespace

std::string MigrationReport::summary() const {
  if (applied.empty()) {
    return "schema is at version " + std::to_string(schema_version) + " already; nothing to apply";
  }
  std::string names;
  for (const MigrationFile& migration : applied)
    names += (names.empty() ? "" : ", ") + file_stem(migration);
  return "applied " + std::to_string(applied.size()) +
         (applied.size() == 1 ? " migration (" : " migrations (") + names + "); schema is at version " +
         std::to_string(schema_version);
}

Migrator::Migrator(std::filesystem::path directory, std::chrono::seconds dead_after)
    : directory_(std::move(directory)),
      migrations_(list_migration_files(directory_)),
      dead_after_(dead_after) {
  sql_.reserve(migrations_.size());
  for (const MigrationFile& migration : migrations_) {
    sql_.push_back(read_whole_file(migration));
    safe_for_older_hosts_.push_back(older_hosts_safe_reason(sql_.back(), migration.file_name()));
  }
}

int Migrator::latest_version() const {
  return migrations_.back().version;
}

MigrationReport Migrator::migrate(pqxx::connection_base& connection) const {
  std::optional<MigrationLock> lock;
  std::map<int, std::string> recorded;
  try {
    lock.emplace(connection);
    // Read only once the lock is held: a process that migrated while we waited has recorded its work.
    recorded = recorded_versions(connection);
  } catch (const std::exception& error) {
    throw MigrationError("cannot read the applied migrations (schema_migrations): " + trimmed(error.what()));
  }
  refuse_foreign_versions(recorded, migrations_, directory_);

  MigrationReport report;
  report.schema_version = recorded.empty() ? 0 : recorded.rbegin()->first;
  report.older_hosts_notes = guard_older_hosts(connection, recorded);
  for (std::size_t i = 0; i < migrations_.size(); ++i) {
    const MigrationFile& migration = migrations_[i];
    if (recorded.contains(migration.version)) continue;
    try {
      pqxx::work apply(connection, "migration " + std::to_string(migration.version));
      apply.exec(sql_[i]);
      apply.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", migration.version,
                        migration.name);
      apply.commit();
    } catch (const std::exception& error) {
      std::string message =
          "migration " + migration.file_name() + " (" + migration.path.string() +
          ") failed and was rolled back; nothing of it was recorded: " + trimmed(error.what());
      if (!report.applied.empty()) {
        message += " [applied before it in this run: ";
        for (std::size_t j = 0; j < report.applied.size(); ++j) {
          message += (j == 0 ? "" : ", ") + report.applied[j].file_name();
        }
        message += "]";
      }
      throw MigrationError(message);
    }
    report.applied.push_back(migration);
    report.schema_version = std::max(report.schema_version, migration.version);
  }
  return report;
}

std::vector<std::string> Migrator::guard_older_hosts(pqxx::connection_base& connection,
                                                     const std::map<int, std::string>& recorded) const {
  std::vector<LiveHost> hosts;
  try {
    hosts = live_hosts(connection, dead_after_);
  } catch (const std::exception& error) {
    throw MigrationError("cannot read the live hosts (hosts): " + trimmed(error.what()));
  }
  std::vector<std::string> notes;
  for (std::size_t i = 0; i < migrations_.size(); ++i) {
    const MigrationFile& migration = migrations_[i];
    if (recorded.contains(migration.version)) continue;
    std::vector<const LiveHost*> older;
    for (const LiveHost& host : hosts)
      if (!host.schema_version || *host.schema_version < migration.version) older.push_back(&host);
    if (older.empty()) continue;
    if (!safe_for_older_hosts_[i]) {
      throw MigrationError(
          "migration " + migration.file_name() +
          " refuses to run while hosts that do not know it are alive: " + describe_hosts(older) +
          ". Upgrade or stop them first (they count as alive until [cluster] " +
          "dead_after_seconds after their last heartbeat; `pricefeed hosts` lists them); nothing was "
          "applied");
    }
    notes.push_back(migration.file_name() + ": runs beside older hosts " + describe_hosts(older) +
                    "; safe: " + *safe_for_older_hosts_[i]);
  }
  return notes;
}

MigrationReport Migrator::migrate(const std::string& database_url) const {
  std::unique_ptr<pqxx::connection> connection = open_database_connection(database_url);
  // Through a transaction pooler the session lock would stay behind on a server connection, taken
  // and never released: the next migration anywhere would wait for it forever.
  require_session(*connection, database_url, "the migration lock");
  return migrate(*connection);
}

}  // namespace pricefeed::host
