#include "upstream/BodyExcerpt.hpp"

namespace pricefeed::upstream {

std::string body_excerpt(std::string_view body, std::size_t max_chars) {
  if (body.empty()) return "(empty body)";
  std::string out = "'";
  for (std::size_t i = 0; i < body.size() && i < max_chars; ++i) {
    const auto c = static_cast<unsigned char>(body[i]);
    // Control bytes (newlines included) would split or corrupt a one-line JSON log record.
    out += (c < 0x20 || c == 0x7F) ? ' ' : body[i];
  }
  out += body.size() > max_chars ? "'..." : "'";
  return out;
}

}  // namespace pricefeed::upstream
