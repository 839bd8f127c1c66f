// What tells one version of a plugin file from another without reading it: the (device, inode, size,
// mtime) of the file a path names now. An atomic rename gives a new inode, a copy in place a new
// size or mtime, so two equal states mean the same bytes for any deploy docs/reload.md allows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

namespace pricefeed::host {

struct PluginFileState {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;

  bool operator==(const PluginFileState&) const = default;
};

// The state of the file `path` names (symlinks followed, as dlopen does); nullopt when there is none
// to stat (removed, moved away, a dangling link).
std::optional<PluginFileState> plugin_file_state(const std::filesystem::path& path);
// The state of the open file `fd`; nullopt when fstat fails.
std::optional<PluginFileState> plugin_file_state(int fd);

}  // namespace pricefeed::host
