// Durations as an operator reads them in a table: "45s", "12m", "3h", "2d".
#pragma once

#include <cstdint>
#include <string>

namespace pricefeed::host {

// The largest whole unit, rounded down; negative durations read as "0s" (clock skew, not the future).
std::string age_text(std::int64_t seconds);

}  // namespace pricefeed::host
