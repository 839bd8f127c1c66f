// The length of a series' bars. Inside the host it is the SDK's enum (pricefeed/records.hpp), whose
// values are the ABI's PRICEFEED_RES_* bits, so a request crosses the ABI edge as it is. Text ("1d",
// "1h", "1m": asset_prices.resolution, backfill_queue.resolution, [worker].resolutions) is parsed where
// it enters and written back with resolution_name().
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "pricefeed/records.hpp"

namespace pricefeed::host {

using pricefeed::Resolution;
using pricefeed::resolution_name;  // "1d", "1h", "1m"

inline constexpr std::array<Resolution, 3> kResolutions = {Resolution::day, Resolution::hour,
                                                           Resolution::minute};

// The resolution named `text` ("1d" ...); nullopt for any other text.
std::optional<Resolution> parse_resolution(std::string_view text);

// For text the schema has already restricted (a resolution column): throws std::invalid_argument
// naming the text and the resolutions.
Resolution require_resolution(std::string_view text);

// "1d, 1h or 1m": what a message says is accepted.
std::string resolution_choices();

}  // namespace pricefeed::host
