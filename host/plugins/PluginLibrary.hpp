// One plugin shared library, loaded and checked the way the ABI rules say (docs/architecture.md "The SDK
// ABI"): the file first (loading runs the library's code, so nobody but root or the host's user may have
// been able to change it), then the version symbol, then the entry, then the descriptor, copied into a
// zeroed host struct so fields newer than the plugin read as absent. Every reason a file is refused is
// worded in PluginLibrary.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include <boost/dll/shared_library.hpp>

#include "host/plugins/PluginFile.hpp"
#include "pricefeed/sdk.h"

namespace pricefeed::host {

// Why a file was not accepted as a plugin; what() is the sentence printed by `pricefeed plugins`.
class PluginRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PluginLibrary {
 public:
  // Resolves symlinks, opens the file once and checks it and every directory above it
  // (docs/writing-a-plugin.md "5. Installing it"). Throws PluginRefused.
  static PluginFile open_checked(const std::filesystem::path& file);
  // Loads the file opened and checked by open_checked, whatever its path names now. Throws PluginRefused.
  static std::shared_ptr<PluginLibrary> load(PluginFile file, const pricefeed_host_api* host);
  // open_checked, then load. Throws PluginRefused.
  static std::shared_ptr<PluginLibrary> load(const std::filesystem::path& file,
                                             const pricefeed_host_api* host);

  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  // The file loaded, symlinks resolved.
  const std::filesystem::path& file() const noexcept { return file_.real_path(); }
  // Which build of the file was loaded.
  const std::optional<PluginFileState>& file_state() const noexcept { return file_.state(); }
  std::uint32_t abi_version() const noexcept { return abi_version_; }
  const pricefeed_source_descriptor& descriptor() const noexcept { return descriptor_; }
  std::string name() const { return descriptor_.name; }
  std::string version() const { return descriptor_.version ? descriptor_.version : ""; }

 private:
  explicit PluginLibrary(PluginFile file) : file_(std::move(file)) {}

  PluginFile file_;  // declared first so it outlives library_: its descriptor is the library's name
  boost::dll::shared_library library_;
  std::uint32_t abi_version_ = 0;
  pricefeed_source_descriptor descriptor_{};
};

}  // namespace pricefeed::host
