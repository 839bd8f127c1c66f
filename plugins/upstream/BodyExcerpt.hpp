#pragma once

// The first bytes of an upstream answer, printable and short, so an error message can show what came
// back (an HTML error page, a truncated body) without flooding a log line.

#include <cstddef>
#include <string>
#include <string_view>

namespace pricefeed::upstream {

std::string body_excerpt(std::string_view body, std::size_t max_chars = 120);

}  // namespace pricefeed::upstream
