#pragma once

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

// `pricefeed seed-catalog`: fills assets from every catalog source and prints what each listed.
// Exits 1 when a source failed (the others' listings are written all the same).
int run_seed_catalog_command(const GlobalOptions& options);

}  // namespace pricefeed::host
