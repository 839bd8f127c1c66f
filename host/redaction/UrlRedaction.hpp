#pragma once

// URLs as they may appear in errors and logs: API keys and other secrets removed.

#include <string>
#include <string_view>

namespace pricefeed::host {

inline constexpr std::string_view kRedacted = "REDACTED";

// `url` with the value of every query parameter whose name looks secret replaced by REDACTED, and
// any user:password@ replaced by REDACTED@. A name looks secret when it contains (any case) key,
// token, secret, pass, pwd, auth, sig, crumb, session or credential: this covers apikey, api_key,
// x_cg_demo_api_key, access_token, signature, password, passwd, sslpassword ... and Yahoo's crumb. Secrets in
// the path cannot be recognised and are kept. A URL that does not parse is shown only up to its query,
// without any userinfo, so that nothing secret can leak through a malformed URL either.
std::string redact_url(std::string_view url);

// Whether a parameter, header or configuration key called `name` holds a secret: the one rule of
// every redaction (redact_url, redact_secret_parameters, the configuration's secret values).
bool looks_secret(std::string_view name);

}  // namespace pricefeed::host
