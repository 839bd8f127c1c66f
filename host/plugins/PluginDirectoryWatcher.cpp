#include "host/plugins/PluginDirectoryWatcher.hpp"

#include <cerrno>
#include <cstring>
#include <exception>
#include <string>
#include <system_error>
#include <utility>

#include <boost/asio/buffer.hpp>

#include "host/log/Log.hpp"
#include "host/plugins/PluginScanner.hpp"

namespace pricefeed::host {
namespace {

// Every way a deploy can change what a plugin file name holds. IN_MODIFY too, although the settle
// rule does not need it (a growing file fails the second look): it keeps a slow copy from being
// looked at again and again while it runs.
constexpr std::uint32_t kPluginFileEvents =
    IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB;

int open_inotify() {
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0)
    throw std::system_error(errno, std::generic_category(), "cannot watch the plugin directories: inotify");
  return fd;
}

}  // namespace

PluginDirectoryWatcher::PluginDirectoryWatcher(const std::vector<std::filesystem::path>& dirs,
                                               std::chrono::milliseconds settle,
                                               std::function<void()> on_settled)
    : settle_(settle), on_settled_(std::move(on_settled)), inotify_(io_, open_inotify()), settle_timer_(io_) {
  for (const auto& dir : dirs) {
    // IN_ONLYDIR: a file named like a directory is refused here, not watched as a file.
    const int watch =
        ::inotify_add_watch(inotify_.native_handle(), dir.c_str(), kPluginFileEvents | IN_ONLYDIR);
    if (watch < 0) {
      log_warn("plugin directory not watched", {{"dir", dir.string()}, {"reason", std::strerror(errno)}});
      continue;
    }
    // Two spellings of one directory get one watch; it is listed once.
    if (dirs_by_watch_.emplace(watch, dir).second) watched_dirs_.push_back(dir);
  }
  for (const auto& dir : watched_dirs_) {
    log_info("watching plugin directory", {{"dir", dir.string()}, {"settle_ms", settle_.count()}});
  }
  read_events();
  thread_ = std::thread([this] { io_.run(); });
}

PluginDirectoryWatcher::~PluginDirectoryWatcher() {
  stop();
}

void PluginDirectoryWatcher::stop() {
  if (!thread_.joinable()) return;
  io_.stop();
  thread_.join();
}

void PluginDirectoryWatcher::read_events() {
  inotify_.async_read_some(boost::asio::buffer(buffer_),
                           [this](boost::system::error_code error, std::size_t bytes) {
                             if (error == boost::asio::error::operation_aborted) return;
                             if (error) {
                               // Not expected from an inotify descriptor; watching ends, the host goes on
                               // without it.
                               log_error("plugin directory watching stopped", {{"reason", error.message()}});
                               return;
                             }
                             handle_events(bytes);
                             read_events();
                           });
}

void PluginDirectoryWatcher::handle_events(std::size_t bytes) {
  // The kernel writes whole events only, each followed by its name padded to alignment.
  for (std::size_t offset = 0; offset < bytes;) {
    const auto* event = reinterpret_cast<const inotify_event*>(buffer_.data() + offset);
    offset += sizeof(inotify_event) + event->len;
    if ((event->mask & IN_Q_OVERFLOW) != 0) {
      log_warn("plugin directory events lost (inotify queue overflow); reloading once settled");
      events_lost_ = true;
      restart_settle_timer();
      continue;
    }
    const auto dir = dirs_by_watch_.find(event->wd);
    if (dir == dirs_by_watch_.end()) continue;
    if ((event->mask & IN_IGNORED) != 0) {
      // The directory itself was removed or moved away (or its file system unmounted).
      log_warn("plugin directory no longer watched", {{"dir", dir->second.string()}});
      dirs_by_watch_.erase(dir);
      continue;
    }
    if (event->len == 0 || (event->mask & IN_ISDIR) != 0) continue;
    const std::filesystem::path name(event->name);
    if (!is_plugin_file_name(name)) continue;
    note_change(dir->second / name);
  }
}

void PluginDirectoryWatcher::note_change(const std::filesystem::path& file) {
  unsettled_[file] = plugin_file_state(file);
  restart_settle_timer();
}

void PluginDirectoryWatcher::restart_settle_timer() {
  settle_timer_.expires_after(settle_);
  settle_timer_.async_wait([this](boost::system::error_code error) {
    // A wait that had already run out when the timer was restarted still completes without an
    // error; the deadline, which the restart moved, says whether this wait is the current one.
    if (error || settle_timer_.expiry() > std::chrono::steady_clock::now()) return;
    settle();
  });
}

void PluginDirectoryWatcher::settle() {
  bool still = true;
  for (auto& [file, seen] : unsettled_) {
    std::optional<PluginFileState> now = plugin_file_state(file);
    if (now != seen) {
      seen = now;
      still = false;
    }
  }
  if (!still) {
    restart_settle_timer();
    return;
  }
  report_settled();
}

void PluginDirectoryWatcher::report_settled() {
  std::string files;
  for (const auto& [file, state] : unsettled_) {
    if (!files.empty()) files += ", ";
    files += file.string();
    if (!state) files += " (gone)";
  }
  log_info("plugin files settled", {{"files", files}, {"events_lost", events_lost_ ? "yes" : "no"}});
  unsettled_.clear();
  events_lost_ = false;
  try {
    on_settled_();
  } catch (const std::exception& e) {
    // The watcher outlives one failed reload: the next change to the directories tries again.
    log_error("reload after plugin files settled failed", {{"reason", e.what()}});
  }
}

}  // namespace pricefeed::host
