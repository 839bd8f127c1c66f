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

// Unicode 15's Default_Ignorable_Code_Point, and the line and paragraph separators.
bool is_invisible_or_bidi(char32_t c) {
  return c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 ||
         c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0x3164 ||
         (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFF8) ||
         (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE0FFF);
}

}  // namespace

std::optional<char32_t> invisible_or_bidi_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    char32_t c = lead;
    if (lead >= 0xF0) {
      length = 4;
      c = lead & 0x07;
    } else if (lead >= 0xE0) {
      length = 3;
      c = lead & 0x0F;
    } else if (lead >= 0xC0) {
      length = 2;
      c = lead & 0x1F;
    }
    if (i + length > text.size()) return std::nullopt;  // cut short: not a character of this set
    for (std::size_t k = 1; k < length; ++k)
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if (length > 1 && is_invisible_or_bidi(c)) return c;
    i += length;
  }
  return std::nullopt;
}

std::string code_point_name(char32_t code_point) {
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(code_point));
  return name;
}

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
