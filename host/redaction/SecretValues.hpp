// The secret values this process was configured with (API keys, the HTTP API's token, the database
// password), so that the log sink can blank them wherever they turn up: in a plugin's own message,
// an upstream error body that echoes a key, a header dump. Matching by value catches what matching
// by parameter name (UrlRedaction) cannot.
#pragma once

#include <string>
#include <string_view>

namespace pricefeed::host {

// Values shorter than this are not registered: blanking "1" or "abc" everywhere would hide the
// log's meaning and such a value protects nothing anyway.
inline constexpr std::size_t kShortestSecret = 6;

// Thread-safe; registering a value twice is harmless.
void register_secret(std::string_view value);

// `text` with every registered secret replaced by REDACTED.
std::string redact_secret_values(std::string_view text);

// Forgets every registered value (tests).
void clear_secrets();

}  // namespace pricefeed::host
