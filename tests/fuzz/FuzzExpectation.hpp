#pragma once
// What every fuzz target asserts beyond "no crash, no leak, no undefined behaviour": the documented
// properties of what a parser returns. A violated one stops the fuzzer like a crash (a trap), so
// libFuzzer keeps the input that broke it.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pricefeed::fuzz {

inline void expect(bool holds) {
  if (!holds) __builtin_trap();
}

// Prices are a number or NaN ("absent"); an infinity would reach the database as a price.
inline bool finite_or_absent(double value) {
  return std::isfinite(value) || std::isnan(value);
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace pricefeed::fuzz
