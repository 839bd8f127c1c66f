// Where the plugins built against the frozen ABI 1.0 headers (tests/plugins/abi-1.0) were built.
#pragma once

#include <filesystem>
#include <string>

namespace pricefeed::test {

inline std::filesystem::path abi_1_0_plugin(const std::string& name) {
  return std::filesystem::path(PRICEFEED_ABI_1_0_PLUGIN_DIR) / (name + ".so");
}

}  // namespace pricefeed::test
