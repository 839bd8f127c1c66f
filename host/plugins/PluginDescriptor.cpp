#include "host/plugins/PluginDescriptor.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace pricefeed::host {
namespace {

template <class Values, class NameOf>
std::string join_names(std::uint32_t mask, const Values& values, NameOf name_of) {
  std::string out;
  for (const auto& value : values) {
    if ((mask & static_cast<std::uint32_t>(value)) == 0) continue;
    if (!out.empty()) out += ',';
    out += name_of(value);
  }
  return out.empty() ? "-" : out;
}

enum class Capability : std::uint32_t {
  history = PRICEFEED_CAP_HISTORY,
  quotes = PRICEFEED_CAP_QUOTES,
  catalog = PRICEFEED_CAP_CATALOG,
  resolve = PRICEFEED_CAP_RESOLVE_SYMBOL,
};

const char* capability_name(Capability capability) {
  switch (capability) {
    case Capability::history:
      return "history";
    case Capability::quotes:
      return "quotes";
    case Capability::catalog:
      return "catalog";
    case Capability::resolve:
      return "resolve";
  }
  return "?";
}

}  // namespace

std::string asset_class_names(std::uint32_t mask) {
  return join_names(mask, kAssetClasses, asset_class_name);
}

std::string capability_names(std::uint32_t mask) {
  static constexpr std::array<Capability, 4> kCapabilities = {Capability::history, Capability::quotes,
                                                              Capability::catalog, Capability::resolve};
  return join_names(mask, kCapabilities, capability_name);
}

std::string resolution_names(std::uint32_t mask) {
  return join_names(mask, kResolutions, resolution_name);
}

std::string abi_version_text(std::uint32_t version) {
  return std::to_string(PRICEFEED_ABI_MAJOR_OF(version)) + "." +
         std::to_string(PRICEFEED_ABI_MINOR_OF(version));
}

std::uint32_t asset_class_bit(AssetClass asset_class) {
  return static_cast<std::uint32_t>(asset_class);
}

std::optional<AssetClass> asset_class_of_bit(std::uint32_t bit) {
  for (const AssetClass asset_class : kAssetClasses) {
    if (asset_class_bit(asset_class) == bit) return asset_class;
  }
  return std::nullopt;
}

bool serves_asset_class(const pricefeed_source_descriptor& descriptor, AssetClass asset_class) {
  return (descriptor.asset_classes & asset_class_bit(asset_class)) != 0;
}

bool serves_resolution(const pricefeed_source_descriptor& descriptor, Resolution resolution) {
  return (descriptor.resolutions & static_cast<std::uint32_t>(resolution)) != 0;
}

}  // namespace pricefeed::host
