// Parameters named like a secret, wherever text spells them out as name and value: libpq's
// key=value conninfo (`password=x sslpassword='a b'`), a query string quoted outside a URL
// (`apikey=x&page=2`), JSON (`"api_key": "x"`), and an Authorization header (`Authorization: Bearer
// x`). What counts as named like a secret is looks_secret()'s rule, the one the URL redaction uses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::host {

// `text` with the value of each such parameter replaced by REDACTED. A quoted value is replaced with
// its quotes; an unquoted one ends at white space, a quote, '&' or a backslash (the escape of a quote
// in JSON text). An Authorization header keeps its scheme (Bearer, Basic, Token) and loses the
// credentials after it.
std::string redact_secret_parameters(std::string_view text);

// The values redact_secret_parameters() would hide, as written (without quotes), in order.
std::vector<std::string> secret_parameter_values(std::string_view text);

}  // namespace pricefeed::host
