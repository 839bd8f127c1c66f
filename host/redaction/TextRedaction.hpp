// Free text on its way into a log line: every registered secret value blanked (SecretValues), and
// every URL in it redacted by name (UrlRedaction: ?apikey=..., user:password@), so that a message
// built by a plugin or quoted from an upstream error cannot carry a credential out.
#pragma once

#include <string>
#include <string_view>

namespace pricefeed::host {

std::string redact_text(std::string_view text);

}  // namespace pricefeed::host
