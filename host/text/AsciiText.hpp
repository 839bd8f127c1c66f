// ASCII-only character tests for protocol text (HTTP header names, symbols, decimals, dates): unlike
// <cctype>, they ignore the C locale and take any char, signed or not.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace pricefeed::host {

constexpr bool is_ascii_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `text` with A-Z made a-z, whatever the locale: header and parameter names, stream frame names.
inline std::string ascii_lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), ascii_lower);
  return lower;
}

// "Content-Type" == "content-type": how HTTP compares header names.
constexpr bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// `text` without the spaces, tabs and carriage returns (a CRLF line's end) around it.
constexpr std::string_view trim_ascii_blanks(std::string_view text) noexcept {
  constexpr std::string_view kBlanks = " \t\r";
  const auto first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlanks) - first + 1);
}

}  // namespace pricefeed::host
