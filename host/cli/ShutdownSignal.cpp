#include "host/cli/ShutdownSignal.hpp"

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

}  // namespace pricefeed::host
