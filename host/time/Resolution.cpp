#include "host/time/Resolution.hpp"

#include "host/text/NamedValues.hpp"

namespace pricefeed::host {

std::optional<Resolution> parse_resolution(std::string_view text) {
  return value_named(text, kResolutions, resolution_name);
}

Resolution require_resolution(std::string_view text) {
  return require_value_named(text, kResolutions, resolution_name, "a resolution");
}

std::string resolution_choices() {
  return joined_names(kResolutions, resolution_name, " or ");
}

}  // namespace pricefeed::host
