#include "host/cli/ShutdownSignal.hpp"

#include <chrono>
#include <csignal>

namespace pricefeed::host {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) {
  g_stop.store(true);
}

}  // namespace

const std::atomic<bool>& shutdown_requested() {
  static const bool installed = [] {
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    return true;
  }();
  (void)installed;
  return g_stop;
}

std::jthread when_shutdown_requested(std::function<void()> action) {
  const std::atomic<bool>& stop = shutdown_requested();
  return std::jthread([&stop, action = std::move(action)](std::stop_token cancelled) {
    // The flag is set by a signal handler, which can notify nothing: look every tenth of a second.
    while (!stop && !cancelled.stop_requested())
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (stop) action();
  });
}

}  // namespace pricefeed::host
