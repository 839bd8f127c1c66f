#include "host/events/ValueForMessage.hpp"

#include <cstdio>

namespace pricefeed::host {
namespace {

constexpr std::size_t kMaxEchoedBytes = 40;

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

bool is_plain(std::string_view value) {
  if (value.empty() || value.size() > kMaxEchoedBytes) return false;
  for (unsigned char c : value) {
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

bool contains_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_control(c)) return true;
    if (c == 0xc2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) return true;
    }
  }
  return false;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t length = 0;
  for (unsigned char c : text) {
    if ((c & 0xc0) != 0x80) ++length;  // continuation bytes belong to the code point before them
  }
  return length;
}

std::string value_for_message(std::string_view value) {
  if (is_plain(value)) return std::string(value);
  std::string quoted = "\"";
  std::size_t i = 0;
  for (; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    // Stop only between code points, never inside a UTF-8 sequence.
    if (quoted.size() >= kMaxEchoedBytes && (c & 0xc0) != 0x80) break;
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\r':
        quoted += "\\r";
        break;
      case '\t':
        quoted += "\\t";
        break;
      default:
        if (is_control(c)) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          quoted += escaped;
        } else {
          quoted += static_cast<char>(c);
        }
    }
  }
  if (i < value.size()) quoted += "...";
  quoted += '"';
  return quoted;
}

}  // namespace pricefeed::host
