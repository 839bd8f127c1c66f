#pragma once

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

struct CheckConfigArguments {
  bool json = false;  // one JSON object with the same content, for scripts
};

// `pricefeed check-config` (docs/reload.md): loads the configuration and every plugin, creates each
// source without network, and asks the serve the configuration names (GET /health/sources) what runs,
// to print what a reload would start, change, keep and stop. Touches no database and no upstream.
// Exit code 0, or 1 when there is any problem, each listed: the configuration's error, a plugin file
// refused, a source whose create() fails, a [routing] link that cannot serve, a serve that refuses
// the token.
int run_check_config_command(const GlobalOptions& options, const CheckConfigArguments& arguments);

}  // namespace pricefeed::host
