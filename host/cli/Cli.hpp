// The `pricefeed` command line (docs/architecture.md "Interfaces"): parses, sets up logging, runs one
// command.
#pragma once

namespace pricefeed::host {

// Exit codes: 0 done; 1 the command failed (bad configuration, database unreachable ...);
// 2 usage error, or a command this build does not provide yet.
int run_cli(int argc, char** argv);

}  // namespace pricefeed::host
