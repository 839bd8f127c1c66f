#pragma once

// Quantities and prices travel as text from the HTTP body to PostgreSQL's numeric, so that 0.1 stays
// 0.1 (a double would store 0.1000000000000000055511151231257827). Only a form that every reader
// agrees on is accepted: an optional minus, digits, and an optional fraction. No exponent (1e5), no
// leading '+' or '.', no thousands separators, no NaN or Infinity.

#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

// The longest decimal accepted, in characters: far beyond any real quantity or price (numeric itself
// would take 131072 digits), short enough that nobody can make the database chew on megabytes.
inline constexpr std::size_t kMaxDecimalLength = 64;

// Why `text` is not a plain decimal ("is not a plain decimal number ..."), or nothing when it is.
std::optional<std::string> plain_decimal_problem(std::string_view text);

// For a text that passed plain_decimal_problem: its sign and whether it is zero.
bool decimal_is_negative(std::string_view text);
bool decimal_is_zero(std::string_view text);

// For two texts that passed plain_decimal_problem: true when they are the same number, whatever the
// leading or trailing zeros ("10" == "10.00" == "010", "-0" == "0"), as PostgreSQL's numeric compares.
bool decimals_equal(std::string_view a, std::string_view b);

}  // namespace pricefeed::host
