// SIGINT and SIGTERM ask the long-running commands to finish what they hold and exit.
#pragma once

#include <atomic>

namespace pricefeed::host {

// Installs the handlers on first use; the flag turns true once a signal arrived.
const std::atomic<bool>& shutdown_requested();

}  // namespace pricefeed::host
