// Where the faulty test plugins (tests/plugins/faulty) were built.
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

}  // namespace pricefeed::test
