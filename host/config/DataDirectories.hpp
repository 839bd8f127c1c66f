#pragma once

#include <filesystem>

namespace pricefeed::host {

// Where pricefeed's read-only data (the sql/ migrations, the default exchanges.toml) may be when no
// setting names it, in the order to try. Both are found without configuration, so a package, a
// `cmake --install --prefix DIR` anywhere, and a build tree all run as they are.
struct DataDirectories {
  // <directory of the executable>/../share/pricefeed: what the .deb and `cmake --install` lay out.
  // Empty when the executable's own path cannot be read.
  std::filesystem::path installed;
  // The checkout the binary was built from (compiled in): running straight from a build directory.
  std::filesystem::path source_tree;
};

// The directories of this process: /proc/self/exe and the compiled-in source path.
DataDirectories data_directories();

}  // namespace pricefeed::host
