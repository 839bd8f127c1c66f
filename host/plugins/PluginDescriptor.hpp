// The host's copy of a plugin's descriptor: its bit masks read as the host's types, and their names for
// people. The ABI's class and resolution bits are the values of the AssetClass and Resolution enums,
// so this is where a mask or a bit from a plugin becomes one of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "host/assets/AssetClass.hpp"
#include "host/time/Resolution.hpp"
#include "pricefeed/sdk.h"

namespace pricefeed::host {

// Every member of ABI 1.0: a plugin's descriptor may not be smaller than this.
inline constexpr std::size_t kDescriptorV1_0Size = offsetof(pricefeed_source_descriptor, resolve_symbol) +
                                                   sizeof(pricefeed_source_descriptor::resolve_symbol);
// Every member of ABI 1.1 (1.0's and the streams').
inline constexpr std::size_t kDescriptorV1_1Size =
    offsetof(pricefeed_source_descriptor, stream_frame) + sizeof(pricefeed_source_descriptor::stream_frame);

// The size of the descriptor a plugin of ABI 1.`minor` knows: the most the host reads from it.
std::size_t descriptor_size_of_minor(std::uint32_t minor);

std::string asset_class_names(std::uint32_t mask);    // "stock,crypto"
std::string capability_names(std::uint32_t mask);     // "history,quotes"
std::string resolution_names(std::uint32_t mask);     // "1d,1h"
std::string abi_version_text(std::uint32_t version);  // "1.0"

// The PRICEFEED_CLASS_* bit of a class, the PRICEFEED_RES_* bit of a resolution.
std::uint32_t asset_class_bit(AssetClass asset_class);
std::uint32_t resolution_bit(Resolution resolution);

// The class of a PRICEFEED_CLASS_* bit a plugin gave (a catalog listing); nullopt for a value that is
// not one of the bits.
std::optional<AssetClass> asset_class_of_bit(std::uint32_t bit);

// Whether the descriptor's masks name the class, the resolution.
bool serves_asset_class(const pricefeed_source_descriptor& descriptor, AssetClass asset_class);
bool serves_resolution(const pricefeed_source_descriptor& descriptor, Resolution resolution);

}  // namespace pricefeed::host
