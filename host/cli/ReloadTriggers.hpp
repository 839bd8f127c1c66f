// What makes a running serve reload (docs/reload.md), besides POST /v1/admin/reload: SIGHUP
// (`systemctl reload pricefeed`), and with [plugins] watch = true the plugin-directory watcher.
//
// Both are answered on one thread of this object's own, one reload at a time: a reload loads plugins
// and takes locks, which no signal handler may do, and the watcher's own thread must not be the one
// that replaces the watcher when a reload changes [plugins]. Signals that arrive during a reload are
// answered by one more reload after it.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "host/config/Config.hpp"
#include "host/plugins/PluginDirectoryWatcher.hpp"
#include "host/reload/ConfigReloader.hpp"

namespace pricefeed::host {

// serve ignores SIGHUP until ReloadTriggers answers it, so that one sent while it starts does not
// end it (the default action); call first thing.
void ignore_reload_signal_until_ready();

class ReloadTriggers {
 public:
  // Starts answering SIGHUP, and watches the plugin directories when `reloader`'s configuration says so.
  explicit ReloadTriggers(ConfigReloader& reloader);
  ~ReloadTriggers();
  ReloadTriggers(const ReloadTriggers&) = delete;
  ReloadTriggers& operator=(const ReloadTriggers&) = delete;

  // Reloads on this object's thread; returns at once.
  void reload_soon(const char* trigger);

 private:
  void wait_for_signal();
  void reload(const char* trigger);
  // Makes the watcher what [plugins] says now: watching those directories with that settle time, or none.
  void follow_watch_settings(const PluginsConfig& plugins);

  ConfigReloader& reloader_;
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  std::unique_ptr<PluginDirectoryWatcher> watcher_;
  PluginsConfig watching_;  // the settings watcher_ was made with
  std::jthread thread_;
};

}  // namespace pricefeed::host
