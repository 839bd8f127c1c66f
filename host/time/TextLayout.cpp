#include "host/time/TextLayout.hpp"

#include <algorithm>

namespace pricefeed::host {

bool matches_layout(std::string_view text, std::string_view layout) {
  return std::equal(text.begin(), text.end(), layout.begin(), layout.end(), [](char c, char expected) {
    return expected == '9' ? c >= '0' && c <= '9' : c == expected;
  });
}

}  // namespace pricefeed::host
