#include "host/plugins/PluginLibrary.hpp"

#include <cstring>
#include <regex>
#include <string>

#include <boost/dll/shared_library_load_mode.hpp>

#include "host/plugins/FilePermissions.hpp"
#include "host/plugins/PluginDescriptor.hpp"

namespace pricefeed::host {
namespace {

// Boost.DLL wraps dlerror() in its own prose; the operator needs only dlerror's words.
std::string dl_reason(const std::exception& e) {
  std::string what = e.what();
  static const std::string kMarker = "dlerror system message: ";
  auto at = what.find(kMarker);
  if (at == std::string::npos) return what;
  std::string reason = what.substr(at + kMarker.size());
  auto close = reason.rfind(')');
  return close == std::string::npos ? reason : reason.substr(0, close);
}

const std::string kHostAbi = abi_version_text(PRICEFEED_ABI_VERSION);

void check_descriptor(const pricefeed_source_descriptor& d) {
  if (d.name == nullptr || *d.name == '\0') throw PluginRefused("descriptor has no name");
  static const std::string kNamePattern = "[a-z0-9_-]{1," + std::to_string(PRICEFEED_MAX_NAME_LENGTH) + "}";
  static const std::regex kName(kNamePattern);
  if (!std::regex_match(d.name, kName)) {
    throw PluginRefused(std::string("descriptor name \"") + d.name + "\" is not " + kNamePattern);
  }
  if (d.create == nullptr || d.destroy == nullptr) throw PluginRefused("descriptor lacks create or destroy");
  auto require = [&](std::uint32_t cap, const void* fn, const char* what) {
    if ((d.capabilities & cap) != 0 && fn == nullptr) {
      throw PluginRefused(std::string("descriptor declares ") + capability_names(cap) + " but has no " +
                          what);
    }
  };
  require(PRICEFEED_CAP_HISTORY, reinterpret_cast<const void*>(d.fetch_history), "fetch_history");
  require(PRICEFEED_CAP_QUOTES, reinterpret_cast<const void*>(d.fetch_quotes), "fetch_quotes");
  require(PRICEFEED_CAP_CATALOG, reinterpret_cast<const void*>(d.list_assets), "list_assets");
  require(PRICEFEED_CAP_RESOLVE_SYMBOL, reinterpret_cast<const void*>(d.resolve_symbol), "resolve_symbol");
  if ((d.capabilities & PRICEFEED_CAP_QUOTES) != 0 && d.max_quote_batch == 0) {
    throw PluginRefused("descriptor declares quotes with max_quote_batch 0");
  }
}

}  // namespace

std::shared_ptr<PluginLibrary> PluginLibrary::load(const std::filesystem::path& file,
                                                   const pricefeed_host_api* host) {
  // Loading a library runs its initializers, so nobody but its owner may have been able to change it.
  check_not_writable_by_others(file);

  std::shared_ptr<PluginLibrary> lib(new PluginLibrary());
  lib->file_ = file;
  try {
    lib->library_.load(file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    throw PluginRefused("not a loadable shared library: " + dl_reason(e));
  }

  if (!lib->library_.has(PRICEFEED_ABI_VERSION_SYMBOL)) {
    throw PluginRefused(
        "no pricefeed_abi_version symbol: not a pricefeed plugin (see docs/writing-a-plugin.md)");
  }
  lib->abi_version_ = lib->library_.get<std::uint32_t()>(PRICEFEED_ABI_VERSION_SYMBOL)();
  const std::string plugin_abi = abi_version_text(lib->abi_version_);
  if (PRICEFEED_ABI_MAJOR_OF(lib->abi_version_) != PRICEFEED_ABI_MAJOR) {
    throw PluginRefused("built for ABI " + plugin_abi + " but this host speaks ABI " + kHostAbi +
                        ": rebuild the plugin against SDK " + std::to_string(PRICEFEED_ABI_MAJOR) + ".x");
  }
  if (PRICEFEED_ABI_MINOR_OF(lib->abi_version_) > PRICEFEED_ABI_MINOR) {
    throw PluginRefused("built for ABI " + plugin_abi + ", newer than this host's ABI " + kHostAbi +
                        ": upgrade pricefeed or rebuild the plugin against SDK " + kHostAbi);
  }

  if (!lib->library_.has(PRICEFEED_PLUGIN_ENTRY_SYMBOL)) {
    throw PluginRefused("no pricefeed_plugin_entry symbol (ABI " + plugin_abi + ")");
  }
  const pricefeed_source_descriptor* given = nullptr;
  auto entry =
      lib->library_.get<std::int32_t(const pricefeed_host_api*, const pricefeed_source_descriptor**)>(
          PRICEFEED_PLUGIN_ENTRY_SYMBOL);
  if (std::int32_t rc = entry(host, &given); rc != 0) {
    throw PluginRefused("pricefeed_plugin_entry failed with code " + std::to_string(rc));
  }
  if (given == nullptr) throw PluginRefused("pricefeed_plugin_entry returned no descriptor");

  // OBS-style: a descriptor larger than this host knows carries fields it cannot honour.
  if (given->struct_size > sizeof(pricefeed_source_descriptor)) {
    throw PluginRefused("descriptor is " + std::to_string(given->struct_size) + " bytes, larger than the " +
                        std::to_string(sizeof(pricefeed_source_descriptor)) +
                        " this host knows: the plugin needs a newer pricefeed");
  }
  if (given->struct_size < kDescriptorV1_0Size) {
    throw PluginRefused("descriptor is " + std::to_string(given->struct_size) +
                        " bytes, smaller than ABI 1.0's " + std::to_string(kDescriptorV1_0Size) +
                        ": the plugin is damaged or pre-release");
  }
  std::memcpy(&lib->descriptor_, given, given->struct_size);
  lib->descriptor_.struct_size = sizeof(pricefeed_source_descriptor);
  check_descriptor(lib->descriptor_);
  return lib;
}

}  // namespace pricefeed::host
