#include "host/cli/ReloadTriggers.hpp"

#include <csignal>

#include <boost/asio/post.hpp>

#include "host/log/Log.hpp"

namespace pricefeed::host {

void ignore_reload_signal_until_ready() {
  std::signal(SIGHUP, SIG_IGN);
}

ReloadTriggers::ReloadTriggers(ConfigReloader& reloader) : reloader_(reloader), signals_(io_, SIGHUP) {
  follow_watch_settings(reloader_.running()->plugins);
  wait_for_signal();
  thread_ = std::jthread([this] { io_.run(); });
}

ReloadTriggers::~ReloadTriggers() {
  // The watcher first: its callback posts to io_.
  watcher_.reset();
  io_.stop();
  if (thread_.joinable()) thread_.join();
}

void ReloadTriggers::reload_soon(const char* trigger) {
  boost::asio::post(io_, [this, trigger] { reload(trigger); });
}

void ReloadTriggers::wait_for_signal() {
  signals_.async_wait([this](const boost::system::error_code& error, int) {
    if (error) return;  // cancelled: stopping
    reload("SIGHUP");
    wait_for_signal();
  });
}

void ReloadTriggers::reload(const char* trigger) {
  try {
    reloader_.reload(trigger);
    follow_watch_settings(reloader_.running()->plugins);
  } catch (const std::exception& error) {
    // ConfigReloader reports a bad configuration itself; this is anything else (out of memory ...).
    log_error("reload failed", {{"trigger", trigger}, {"error", error.what()}});
  }
}

void ReloadTriggers::follow_watch_settings(const PluginsConfig& plugins) {
  const bool same = watcher_ ? plugins.watch && plugins.dirs == watching_.dirs &&
                                   plugins.watch_settle_ms == watching_.watch_settle_ms
                             : !plugins.watch;
  if (same) return;
  watcher_.reset();
  watching_ = plugins;
  if (!plugins.watch) return;
  try {
    watcher_ = std::make_unique<PluginDirectoryWatcher>(plugins.dirs,
                                                        std::chrono::milliseconds(plugins.watch_settle_ms),
                                                        [this] { reload_soon("plugin directory changed"); });
    log_info("watching the plugin directories",
             {{"settle_ms", static_cast<std::int64_t>(plugins.watch_settle_ms)}});
  } catch (const std::exception& error) {
    log_error("cannot watch the plugin directories; reload with SIGHUP instead", {{"error", error.what()}});
  }
}

}  // namespace pricefeed::host
