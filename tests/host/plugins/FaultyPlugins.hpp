// Where the faulty test plugins (tests/plugins/faulty) were built, and where tests put copies of them.
#pragma once

#include <filesystem>
#include <string>

namespace pricefeed::test {

inline std::filesystem::path faulty_plugin_dir() {
  return PRICEFEED_FAULTY_PLUGIN_DIR;
}
inline std::filesystem::path faulty_plugin(const std::string& name) {
  return faulty_plugin_dir() / (name + ".so");
}
// Where tests make plugin directories of their own: in the build tree, since /tmp is refused.
inline std::filesystem::path plugin_scratch_dir() {
  return faulty_plugin_dir().parent_path() / "scratch";
}

}  // namespace pricefeed::test
