#include "host/plugins/PluginDescriptor.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace pricefeed::host {
namespace {

// The names of the values whose bit is in `mask`, comma-separated; "-" when none is.
template <class Values, class BitOf, class NameOf>
std::string join_names(std::uint32_t mask, const Values& values, BitOf bit_of, NameOf name_of) {
  std::string out;
  for (const auto& value : values) {
    if ((mask & bit_of(value)) == 0) continue;
    if (!out.empty()) out += ',';
    out += name_of(value);
  }
  return out.empty() ? "-" : out;
}

}  // namespace

std::string asset_class_names(std::uint32_t mask) {
  return join_names(mask, kAssetClasses, asset_class_bit, asset_class_name);
}

std::string capability_names(std::uint32_t mask) {
  using Capability = std::pair<std::uint32_t, const char*>;
  static constexpr std::array<Capability, 5> kCapabilities{{{PRICEFEED_CAP_HISTORY, "history"},
                                                            {PRICEFEED_CAP_QUOTES, "quotes"},
                                                            {PRICEFEED_CAP_CATALOG, "catalog"},
                                                            {PRICEFEED_CAP_RESOLVE_SYMBOL, "resolve"},
                                                            {PRICEFEED_CAP_STREAM, "stream"}}};
  return join_names(
      mask, kCapabilities, [](const Capability& c) { return c.first; },
      [](const Capability& c) { return c.second; });
}

std::size_t descriptor_size_of_minor(std::uint32_t minor) {
  return minor == 0 ? kDescriptorV1_0Size : kDescriptorV1_1Size;
}

std::string resolution_names(std::uint32_t mask) {
  return join_names(mask, kResolutions, resolution_bit, resolution_name);
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

std::uint32_t resolution_bit(Resolution resolution) {
  return static_cast<std::uint32_t>(resolution);
}

bool serves_resolution(const pricefeed_source_descriptor& descriptor, Resolution resolution) {
  return (descriptor.resolutions & resolution_bit(resolution)) != 0;
}

}  // namespace pricefeed::host
