// Whether a migration may run while hosts that do not know it are alive (docs/cluster.md, "Upgrading
// hosts one by one"). A migration says so in a comment line of its own:
//
//   -- older-hosts: safe (adds a table older hosts do not read)
//
// Without that line the migrator refuses to apply it while a live host's schema_version is older.
// Additive changes (a new table, function, nullable column or index that older code neither reads
// nor has to write) are safe; renaming, dropping, retyping, or a NOT NULL column without a default
// that older code inserts into are not.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

// The reason a migration's text gives for being safe beside older hosts, or nothing when it has no
// marker. A line that starts "-- older-hosts:" but is not "-- older-hosts: safe (<reason>)" is an
// error (MigrationError naming `file_name`): a misspelled marker must not silently count as absent.
std::optional<std::string> older_hosts_safe_reason(std::string_view sql, std::string_view file_name);

}  // namespace pricefeed::host
