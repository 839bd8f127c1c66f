// Watches the plugin directories ([plugins] watch, docs/reload.md "Watching the plugin
// directories") and says when a burst of changes to their plugin files is over, so that a reload
// never loads a file still being copied:
//   1. inotify reports a plugin file (is_plugin_file_name) created, written, closed after writing,
//      moved in or out, removed, or given other permissions; every such event restarts the settle
//      timer and records the file's (device, inode, size, mtime), or that it is absent.
//   2. When the timer runs out (settle after the last event), each recorded file is looked at again.
//      If any has changed, its new state is recorded and the timer runs once more: a copy that writes
//      without closing the file keeps the burst open for as long as it grows.
//   3. When every file has kept its state for a whole settle time, on_settled runs once for the
//      burst, on the watcher's thread.
// Other files (a hidden temporary name, anything not ending in .so) and directories are ignored. A
// directory that does not exist, or is not one, is logged and skipped, not fatal; should it appear
// later, this watcher does not see it (a new watcher would).
//
// RAII, because a watcher that could be left running would call into an owner that is gone: the
// constructor watches before it returns (nothing done to the directories after it is missed), and the
// destructor (or an earlier stop()) ends the thread. Its own io_context and thread keep a slow
// on_settled (a whole reload) from holding up anyone else's handlers; events that arrive meanwhile
// wait in the kernel's inotify queue and start the next burst.
#pragma once

#include <array>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <thread>
#include <vector>

#include <sys/inotify.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "host/plugins/PluginFileState.hpp"

namespace pricefeed::host {

class PluginDirectoryWatcher {
 public:
  // Throws std::system_error when inotify itself is unavailable (out of instances); a directory that
  // cannot be watched is only logged.
  PluginDirectoryWatcher(const std::vector<std::filesystem::path>& dirs, std::chrono::milliseconds settle,
                         std::function<void()> on_settled);
  // stop()
  ~PluginDirectoryWatcher();
  PluginDirectoryWatcher(const PluginDirectoryWatcher&) = delete;
  PluginDirectoryWatcher& operator=(const PluginDirectoryWatcher&) = delete;

  // Ends the thread, after an on_settled that is running has returned; a burst not yet settled is
  // dropped. Idempotent. Not from on_settled itself (the thread cannot wait for itself).
  void stop();

  // Those of `dirs` that could be watched when the watcher was made.
  const std::vector<std::filesystem::path>& watched_dirs() const noexcept { return watched_dirs_; }

 private:
  void read_events();
  void handle_events(std::size_t bytes);
  void note_change(const std::filesystem::path& file);
  void restart_settle_timer();
  void settle();
  void report_settled();

  std::chrono::milliseconds settle_;
  std::function<void()> on_settled_;
  boost::asio::io_context io_;
  boost::asio::posix::stream_descriptor inotify_;
  boost::asio::steady_timer settle_timer_;
  std::vector<std::filesystem::path> watched_dirs_;
  std::map<int, std::filesystem::path> dirs_by_watch_;  // inotify watch descriptor -> directory
  // The plugin files changed in the current burst, each with its state when last looked at.
  std::map<std::filesystem::path, std::optional<PluginFileState>> unsettled_;
  // The kernel's queue overflowed: some change was missed, so the burst must end in on_settled even
  // if no file of it is known.
  bool events_lost_ = false;
  alignas(inotify_event) std::array<char, 16 * 1024> buffer_{};
  std::thread thread_;
};

}  // namespace pricefeed::host
