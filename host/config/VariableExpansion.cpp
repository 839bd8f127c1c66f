#include "host/config/VariableExpansion.hpp"

#include <algorithm>

namespace pricefeed::host {
namespace {

bool is_valid_name(std::string_view name) {
  auto is_letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  return !name.empty() && is_letter(name.front()) &&
         std::all_of(name.begin(), name.end(), [&](char c) { return is_letter(c) || is_digit(c); });
}

}  // namespace

ExpandedString expand_variables(std::string_view text, const Environment& environment) {
  ExpandedString result;
  std::size_t position = 0;
  while (position < text.size()) {
    auto opening = text.find("${", position);
    if (opening == std::string_view::npos) {
      result.value.append(text.substr(position));
      break;
    }
    result.value.append(text.substr(position, opening - position));
    auto closing = text.find('}', opening + 2);
    if (closing == std::string_view::npos) {
      throw VariableReferenceError("\"${\" without a closing \"}\"");
    }
    std::string_view name = text.substr(opening + 2, closing - opening - 2);
    if (!is_valid_name(name)) {
      throw VariableReferenceError(
          "\"${" + std::string(name) +
          "}\" is not a variable reference (letters, digits and _, not starting with "
          "a digit)");
    }
    if (auto value = environment.get(name)) {
      result.value += *value;
    } else if (std::find(result.unset_variables.begin(), result.unset_variables.end(), name) ==
               result.unset_variables.end()) {
      result.unset_variables.emplace_back(name);
    }
    position = closing + 1;
  }
  return result;
}

}  // namespace pricefeed::host
