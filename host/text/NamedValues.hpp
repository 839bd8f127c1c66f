// Values written as names in text (an asset class "stock", a resolution "1d"): the value a name stands
// for, and the list of names a message gives as accepted. Header only: the name functions are the
// callers' (the SDK's asset_class_name, resolution_name).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::host {

// The one of `values` whose name is `text`; nullopt when none is.
template <class Value, std::size_t N, class NameOf>
std::optional<Value> value_named(std::string_view text, const std::array<Value, N>& values, NameOf name_of) {
  for (const Value& value : values) {
    if (text == name_of(value)) return value;
  }
  return std::nullopt;
}

// The names of `values`, in order.
template <class Value, std::size_t N, class NameOf>
std::vector<std::string_view> names_of(const std::array<Value, N>& values, NameOf name_of) {
  std::vector<std::string_view> names;
  for (const Value& value : values)
    names.emplace_back(name_of(value));
  return names;
}

// The names of `values` in order, joined by ", " and by `last_separator` before the last one:
// "1d, 1h or 1m".
template <class Value, std::size_t N, class NameOf>
std::string joined_names(const std::array<Value, N>& values, NameOf name_of,
                         std::string_view last_separator) {
  std::string names;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) names += i + 1 < N ? ", " : last_separator;
    names += name_of(values[i]);
  }
  return names;
}

// The one of `values` whose name is `text`; throws std::invalid_argument naming `text`, what it should
// have named (`kind`: "an asset class") and the names: for text that must name one already (a column
// the schema restricts).
template <class Value, std::size_t N, class NameOf>
Value require_value_named(std::string_view text, const std::array<Value, N>& values, NameOf name_of,
                          std::string_view kind) {
  if (auto value = value_named(text, values, name_of)) return *value;
  throw std::invalid_argument("\"" + std::string(text) + "\" is not " + std::string(kind) +
                              "; expected one of " + joined_names(values, name_of, ", "));
}

}  // namespace pricefeed::host
