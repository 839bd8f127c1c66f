#pragma once

// Echoing a sender's value in an error message helps them find it, but the value is untrusted: it may
// be megabytes long or hold control characters that break a log line or a terminal.

#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

// The value as written when it is short and plain (2026-13-01, AAPL), otherwise double-quoted with
// control characters escaped (\n, \u0007) and cut to about 40 characters ("BRK B", "a\u0000b").
std::string value_for_message(std::string_view value);

// True for C0 controls, DEL, and the C1 controls U+0080..U+009F encoded in UTF-8 as C2 80..C2 9F.
bool contains_control_character(std::string_view text);

// The first code point of `text` that is invisible or changes the direction text is shown in, or
// nothing. Such a character makes two ids that look the same differ ("t-1" and "t-1" + U+200B), or
// makes an id shown in a log or a terminal read as something else (U+202E reverses what follows:
// the "Trojan Source" trick). The set is Unicode's Default_Ignorable_Code_Point (zero-width spaces
// and joiners U+200B..U+200D, the marks U+200E/U+200F and U+061C, the embeddings and overrides
// U+202A..U+202E, the isolates U+2066..U+2069, U+2060..U+206F, the byte order mark U+FEFF, the soft
// hyphen U+00AD, variation selectors, tags ...) plus U+2028/U+2029 (line and paragraph separators).
std::optional<char32_t> invisible_or_bidi_character(std::string_view text);

// "U+202E" for 0x202E.
std::string code_point_name(char32_t code_point);

// Unicode code points in valid UTF-8: what PostgreSQL's char_length counts.
std::size_t utf8_length(std::string_view text);

}  // namespace pricefeed::host
