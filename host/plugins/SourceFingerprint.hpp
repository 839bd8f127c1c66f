// What tells `pricefeed check-config` whether a running source would be left alone by a reload,
// without serve revealing the source's table (its api_key) to whoever holds the token: serve shows,
// per source, a SHA-256 over a salt of its own, the plugin file's PluginFileState and the table the
// instance was created with; check-config computes the same over the file and table it would load,
// with the salt serve shows, and compares. The salt is random per process, so a fingerprint cannot be
// matched against guessed tables computed ahead of time, nor across restarts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "host/plugins/PluginFileState.hpp"

namespace pricefeed::host {

// This process's salt: 16 random bytes as 32 lowercase hex digits, the same for the whole run.
const std::string& process_fingerprint_salt();

// Lowercase hex SHA-256 of `salt` (the hex text, as shown), then the plugin file's state as
// "device:inode:size:mtime_ns" ("-" when unknown), then `config_json`.
std::string source_fingerprint(std::string_view salt, const std::optional<PluginFileState>& plugin_file,
                               std::string_view config_json);

}  // namespace pricefeed::host
