#pragma once

// Data quoted in the plugin's messages and log lines (tickers, coin ids, lists of them): printable,
// short, and unable to forge a line of a one-line-per-record log.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::coingecko {

// Printable ASCII kept, any other byte shown as '?', cut at max_chars with "...".
std::string printable(std::string_view text, std::size_t max_chars = 64);

// "a, b, c" or "a, b and 7 more", each item printable.
std::string listed(const std::vector<std::string>& items, std::size_t max_shown = 10);

}  // namespace pricefeed::coingecko
