// The one redaction of the process: every text that leaves it goes through redact_text() on its way
// out — log lines (host/log), HTTP answers (json_response), CLI output (RedactingOutput) and error
// text stored in the database (BackfillQueue, EventOrchestrator), which is read back by the CLI and
// the health routes later. A message built by a plugin, quoted from an upstream error or written by
// libpq cannot carry a credential out of any of them.
#pragma once

#include <string>
#include <string_view>

namespace pricefeed::host {

// `text` with, in this order:
//   1. every registered secret value blanked (SecretValues: API keys, the bearer token, the database
//      password, wherever they turn up);
//   2. every URL's secrets removed by name (UrlRedaction: user:password@, ?apikey=, ?sslpassword=);
//   3. every parameter named like a secret outside a URL (SecretParameters: libpq's conninfo
//      `password=x sslpassword=y`, JSON's "api_key": "x", `Authorization: Bearer x`).
// Each hidden part becomes REDACTED.
std::string redact_text(std::string_view text);

}  // namespace pricefeed::host
