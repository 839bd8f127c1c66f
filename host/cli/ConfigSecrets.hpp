// Which values of a loaded configuration are secrets the logs must never show: every source key
// whose name looks secret (api_key, token, password ...), the HTTP API's bearer token and the
// database URL's password and other secret parameters (sslpassword ...), in either libpq form. Registered
// with host/redaction before anything else is logged.
#pragma once

#include <string>
#include <vector>

#include "host/config/Config.hpp"

namespace pricefeed::host {

std::vector<std::string> config_secrets(const Config& config);

void register_config_secrets(const Config& config);

}  // namespace pricefeed::host
