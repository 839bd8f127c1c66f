#include "host/config/DataDirectories.hpp"

#include <system_error>

#ifndef PRICEFEED_SOURCE_DIR
#error "PRICEFEED_SOURCE_DIR must be defined by the build (host/config/CMakeLists.txt)"
#endif
#ifndef PRICEFEED_DATA_DIR_FROM_BINDIR
#error "PRICEFEED_DATA_DIR_FROM_BINDIR must be defined by the build (host/config/CMakeLists.txt)"
#endif

namespace pricefeed::host {

DataDirectories data_directories() {
  DataDirectories directories;
  std::error_code error;
  const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error)
    directories.installed = (executable.parent_path() / PRICEFEED_DATA_DIR_FROM_BINDIR).lexically_normal();
  directories.source_tree = PRICEFEED_SOURCE_DIR;
  return directories;
}

}  // namespace pricefeed::host
