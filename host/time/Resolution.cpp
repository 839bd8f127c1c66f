#include "host/time/Resolution.hpp"

#include <stdexcept>

#include "host/text/NamedValues.hpp"

namespace pricefeed::host {

std::optional<Resolution> parse_resolution(std::string_view text) {
  return value_named(text, kResolutions, resolution_name);
}

Resolution require_resolution(std::string_view text) {
  if (auto resolution = parse_resolution(text)) return *resolution;
  throw std::invalid_argument("\"" + std::string(text) + "\" is not a resolution; expected " +
                              resolution_choices());
}

std::string resolution_choices() {
  return joined_names(kResolutions, resolution_name, " or ");
}

}  // namespace pricefeed::host
