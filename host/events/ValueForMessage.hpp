#pragma once

// Echoing a sender's value in an error message helps them find it, but the value is untrusted: it may
// be megabytes long or hold control characters that break a log line or a terminal.

#include <string>
#include <string_view>

namespace pricefeed::host {

// The value as written when it is short and plain (2026-13-01, AAPL), otherwise double-quoted with
// control characters escaped (\n, \u0007) and cut to about 40 characters ("BRK B", "a\u0000b").
std::string value_for_message(std::string_view value);

// True for C0 controls, DEL, and the C1 controls U+0080..U+009F encoded in UTF-8 as C2 80..C2 9F.
bool contains_control_character(std::string_view text);

// Unicode code points in valid UTF-8: what PostgreSQL's char_length counts.
std::size_t utf8_length(std::string_view text);

}  // namespace pricefeed::host
