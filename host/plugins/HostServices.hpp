// The host's services table (pricefeed_host_api) handed to every plugin at entry.
#pragma once

#include "pricefeed/sdk.h"

namespace pricefeed::host {

// One table for the process: every function finds its source through the per-call handle.
const pricefeed_host_api* host_services();

}  // namespace pricefeed::host
