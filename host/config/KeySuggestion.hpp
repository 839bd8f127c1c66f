#pragma once

// "Did you mean ...?" for a key that is not known: an unknown key is most often a typo, and the
// warning is only useful if it points at the key that was meant.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pricefeed::host {

// The known key closest to `unknown` by edit distance (a swap of two neighbours counts as one edit),
// or nullopt when none is close enough to be a plausible typo.
std::optional<std::string> closest_key(std::string_view unknown, std::span<const std::string_view> known);

}  // namespace pricefeed::host
