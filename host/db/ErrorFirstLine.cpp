#include "host/db/ErrorFirstLine.hpp"

namespace pricefeed::host {

std::string first_line(std::string_view message) {
  return std::string(message.substr(0, message.find('\n')));
}

}  // namespace pricefeed::host
