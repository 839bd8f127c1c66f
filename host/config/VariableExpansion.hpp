#pragma once

// ${NAME} in a configuration string is replaced by the variable's value. Only the braced form is
// recognised, so a lone `$` (in a password, a regex) needs no escaping.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "host/config/Environment.hpp"

namespace pricefeed::host {

struct ExpandedString {
  std::string value;
  // Variables that were referenced but not set; they expanded to "". Kept so that a value that
  // turns out empty and must not be can say which variable was missing.
  std::vector<std::string> unset_variables;
};

// A `${` that does not open a valid reference (`${}`, `${1X}`, no closing brace). The message says
// what is wrong; the caller adds the file, line and key.
class VariableReferenceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An unset variable expands to the empty string: `api_key = "${COINGECKO_API_KEY}"` means "the key
// if the operator has one", which is how docker compose treats it too.
ExpandedString expand_variables(std::string_view text, const Environment& environment);

}  // namespace pricefeed::host
