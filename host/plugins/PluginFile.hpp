// A plugin file opened once. The permission checks read the open file (fstat) and dlopen maps the
// same open file through /proc/self/fd/N, so replacing the file's path after the checks changes
// nothing that is loaded. PluginLibrary::open_checked makes one; PluginLibrary::load consumes it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "host/plugins/PluginFileState.hpp"

namespace pricefeed::host {

class PluginFile {
 public:
  // Takes ownership of `fd`, open on `real_path` (symlinks resolved).
  PluginFile(int fd, std::filesystem::path real_path) noexcept;
  ~PluginFile();
  PluginFile(PluginFile&& other) noexcept;
  PluginFile& operator=(PluginFile&&) = delete;
  PluginFile(const PluginFile&) = delete;
  PluginFile& operator=(const PluginFile&) = delete;

  int fd() const noexcept { return fd_; }
  // The file the operator put there, symlinks resolved: the name every message uses.
  const std::filesystem::path& real_path() const noexcept { return real_path_; }
  // Which build of the file was opened, as it was when opened: a reload loads a plugin file again
  // only when this differs (docs/reload.md). nullopt when fstat failed.
  const std::optional<PluginFileState>& state() const noexcept { return state_; }
  // The name dlopen is given: /proc/self/fd/N. The dynamic loader knows the library by this name.
  std::string loader_path() const;
  // For a library dlclose left in memory: its name must go on naming it (see ~PluginLibrary).
  void keep_open_until_exit() noexcept;

 private:
  int fd_;
  std::filesystem::path real_path_;
  std::optional<PluginFileState> state_;
};

}  // namespace pricefeed::host
