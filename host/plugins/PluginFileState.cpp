#include "host/plugins/PluginFileState.hpp"

#include <sys/stat.h>

namespace pricefeed::host {

namespace {

PluginFileState state_of(const struct stat& status) {
  return PluginFileState{
      .device = static_cast<std::uint64_t>(status.st_dev),
      .inode = static_cast<std::uint64_t>(status.st_ino),
      .size = static_cast<std::int64_t>(status.st_size),
      .mtime_ns = static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec,
  };
}

}  // namespace

std::optional<PluginFileState> plugin_file_state(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  return state_of(status);
}

std::optional<PluginFileState> plugin_file_state(int fd) {
  struct stat status {};
  if (::fstat(fd, &status) != 0) return std::nullopt;
  return state_of(status);
}

}  // namespace pricefeed::host
