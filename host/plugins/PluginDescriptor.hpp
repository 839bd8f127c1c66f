// The host's copy of a plugin's descriptor, and the names of its bit masks for people.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "pricefeed/sdk.h"

namespace pricefeed::host {

// Every member of ABI 1.0: a plugin's descriptor may not be smaller than this.
inline constexpr std::size_t kDescriptorV1_0Size = offsetof(pricefeed_source_descriptor, resolve_symbol) +
                                                   sizeof(pricefeed_source_descriptor::resolve_symbol);

std::string asset_class_names(std::uint32_t mask);    // "stock,crypto"
std::string capability_names(std::uint32_t mask);     // "history,quotes"
std::string resolution_names(std::uint32_t mask);     // "1d,1h"
std::string abi_version_text(std::uint32_t version);  // "1.0"

// The PRICEFEED_CLASS_* bit of a class name ("stock" ...), 0 when unknown.
std::uint32_t asset_class_bit(std::string_view name);
const char* asset_class_name(std::uint32_t bit);

}  // namespace pricefeed::host
