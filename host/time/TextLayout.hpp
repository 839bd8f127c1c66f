// Reading dates and times written in a fixed layout ("2024-03-15", "09:30"). date::parse is lenient
// about widths ("2024-3-5" reads as a date), so the layout is checked first, by hand; date::parse then
// reads the value and refuses what is not one (2023-02-29).
#pragma once

#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <date/date.h>

namespace pricefeed::host {

// True when `text` is as long as `layout` and has an ASCII digit wherever `layout` has '9' and the
// layout's own character everywhere else: matches_layout("2024-03-15", "9999-99-99").
bool matches_layout(std::string_view text, std::string_view layout);

// The value date::parse reads from the whole of `text` with `format`; nullopt when it reads none or
// leaves text over.
template <class Value>
std::optional<Value> parse_whole(std::string_view text, const char* format) {
  std::istringstream in{std::string(text)};
  Value value{};
  in >> date::parse(format, value);
  if (in.fail() || in.peek() != std::istringstream::traits_type::eof()) return std::nullopt;
  return value;
}

}  // namespace pricefeed::host
