// One plugin shared library, loaded and checked the way the ABI rules say (docs/architecture.md "The SDK
// ABI"): permissions first (loading runs the library's code), then the version symbol, then the entry, then
// the descriptor, copied into a zeroed host struct so fields newer than the plugin read as absent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <boost/dll/shared_library.hpp>

#include "pricefeed/sdk.h"

namespace pricefeed::host {

// Why a file was not accepted as a plugin; what() is the sentence printed by `pricefeed plugins`.
class PluginRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PluginLibrary {
 public:
  // Throws PluginRefused.
  static std::shared_ptr<PluginLibrary> load(const std::filesystem::path& file,
                                             const pricefeed_host_api* host);

  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::filesystem::path& file() const noexcept { return file_; }
  std::uint32_t abi_version() const noexcept { return abi_version_; }
  const pricefeed_source_descriptor& descriptor() const noexcept { return descriptor_; }
  std::string name() const { return descriptor_.name; }
  std::string version() const { return descriptor_.version ? descriptor_.version : ""; }

 private:
  PluginLibrary() = default;

  boost::dll::shared_library library_;
  std::filesystem::path file_;
  std::uint32_t abi_version_ = 0;
  pricefeed_source_descriptor descriptor_{};
};

}  // namespace pricefeed::host
