// Finds every plugin file (is_plugin_file_name: *.so, not hidden) in the configured plugin
// directories and loads each, recording per file whether it was loaded or why it was refused; a bad
// plugin never stops the others.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "host/plugins/PluginLibrary.hpp"

namespace pricefeed::host {

struct PluginFileReport {
  std::filesystem::path file;
  std::shared_ptr<PluginLibrary> library;  // null when refused
  std::string refusal;                     // why, when refused

  bool loaded() const noexcept { return library != nullptr; }
};

// Whether a directory entry named `file_name` is a plugin to load (and to watch): it ends in .so
// and is not hidden. A leading dot is the mark of a temporary name (a deploy's `.name.tmp`, an
// editor's or rsync's copy in progress), so a file is never loaded under one.
bool is_plugin_file_name(const std::filesystem::path& file_name);

// Files are visited in name order within each directory, directories in the order given; of two
// plugins with one name the first wins. Each refusal is logged once, naming the file.
//
// A rescan (a reload) passes what the last scan loaded: a file whose path and PluginFileState (device,
// inode, size, mtime) are those of a library loaded then is not loaded again but reuses that library, after
// its permissions are checked again. Any other file is loaded anew, so another build of a plugin
// becomes a second library beside the first until the first's last instance is gone.
std::vector<PluginFileReport> scan_plugin_dirs(const std::vector<std::filesystem::path>& dirs,
                                               const pricefeed_host_api* host,
                                               const std::vector<PluginFileReport>& loaded_before = {});

}  // namespace pricefeed::host
