// SIGINT and SIGTERM ask the long-running commands to finish what they hold and exit.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace pricefeed::host {

// Installs the handlers on first use; the flag turns true once a signal arrived.
const std::atomic<bool>& shutdown_requested();

// Runs `action` on a thread of its own once a signal arrived (what must not run in a signal handler,
// such as waking threads parked on a condition variable). Destroying the thread without a signal
// ends it without running `action`.
std::jthread when_shutdown_requested(std::function<void()> action);

}  // namespace pricefeed::host
