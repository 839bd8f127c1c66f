#include "host/plugins/PluginDirectoryWatcher.hpp"

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using ::testing::ElementsAre;

constexpr milliseconds kSettle{150};
// Far beyond any settle time here: only a watcher that never calls makes a test wait this long.
constexpr milliseconds kPatience{10'000};

// The times on_settled was called, for the test's thread to wait on.
class SettledCalls {
 public:
  std::function<void()> callback() {
    return [this] {
      std::lock_guard lock(mutex_);
      times_.push_back(Clock::now());
      changed_.notify_all();
    };
  }

  // Waits until at least `count` calls were made; false after kPatience.
  bool wait_for(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kPatience, [&] { return times_.size() >= count; });
  }

  std::vector<Clock::time_point> times() {
    std::lock_guard lock(mutex_);
    return times_;
  }

  std::size_t count() { return times().size(); }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Clock::time_point> times_;
};

// Long enough for a call that was going to come to have come: three settle times.
void let_bursts_settle() {
  std::this_thread::sleep_for(3 * kSettle);
}

void write_file(const fs::path& path, std::string_view contents) {
  std::ofstream(path, std::ios::binary) << contents;
}

TEST(PluginDirectoryWatcher, APluginRenamedIntoPlaceSettlesOnce) {
  test::TemporaryDirectory dir;
  SettledCalls calls;
  PluginDirectoryWatcher watcher({dir.path()}, kSettle, calls.callback());
  write_file(dir.path() / ".quotes.tmp", "a whole plugin");
  fs::rename(dir.path() / ".quotes.tmp", dir.path() / "quotes.so");
  ASSERT_TRUE(calls.wait_for(1));
  let_bursts_settle();
  EXPECT_EQ(calls.count(), 1u);
}

TEST(PluginDirectoryWatcher, APluginWrittenInChunksSettlesOnlyAfterItsLastChunk) {
  test::TemporaryDirectory dir;
  SettledCalls calls;
  PluginDirectoryWatcher watcher({dir.path()}, kSettle, calls.callback());
  std::ofstream file(dir.path() / "slow.so", std::ios::binary);
  // Six chunks a third of the settle time apart: more than a settle time from the first write to the
  // last, so a watcher that counted from the first event would call in the middle.
  for (int chunk = 0; chunk < 5; ++chunk) {
    file << std::string(4096, 'x') << std::flush;
    std::this_thread::sleep_for(kSettle / 3);
  }
  EXPECT_EQ(calls.count(), 0u) << "called while the file was still growing";
  const Clock::time_point before_last_write = Clock::now();
  file << std::string(4096, 'x') << std::flush;
  file.close();
  ASSERT_TRUE(calls.wait_for(1));
  // The rule itself, with a margin for the clock readings on either side of the write.
  EXPECT_GE(calls.times().front(), before_last_write + kSettle - milliseconds(10));
  let_bursts_settle();
  EXPECT_EQ(calls.count(), 1u);
}

TEST(PluginDirectoryWatcher, FilesThatAreNotPluginsAreIgnored) {
  test::TemporaryDirectory dir;
  SettledCalls calls;
  PluginDirectoryWatcher watcher({dir.path()}, kSettle, calls.callback());
  write_file(dir.path() / "README.txt", "not a plugin");
  write_file(dir.path() / ".quotes.so", "hidden: a copy in progress");
  write_file(dir.path() / "quotes.so.tmp", "not ending in .so");
  fs::create_directory(dir.path() / "old.so");
  let_bursts_settle();
  EXPECT_EQ(calls.count(), 0u);
}

TEST(PluginDirectoryWatcher, RemovingAPluginSettles) {
  test::TemporaryDirectory dir;
  write_file(dir.path() / "quotes.so", "a plugin");
  SettledCalls calls;
  PluginDirectoryWatcher watcher({dir.path()}, kSettle, calls.callback());
  fs::remove(dir.path() / "quotes.so");
  EXPECT_TRUE(calls.wait_for(1));
}

TEST(PluginDirectoryWatcher, ChangingAPluginsPermissionsSettles) {
  test::TemporaryDirectory dir;
  write_file(dir.path() / "quotes.so", "a plugin");
  SettledCalls calls;
  PluginDirectoryWatcher watcher({dir.path()}, kSettle, calls.callback());
  fs::permissions(dir.path() / "quotes.so", fs::perms::group_write, fs::perm_options::add);
  EXPECT_TRUE(calls.wait_for(1));
}

TEST(PluginDirectoryWatcher, AMissingDirectoryIsSkippedAndTheOthersAreWatched) {
  test::TemporaryDirectory dir;
  SettledCalls calls;
  const fs::path missing = dir.path() / "not-there";
  PluginDirectoryWatcher watcher({missing, dir.path()}, kSettle, calls.callback());
  EXPECT_THAT(watcher.watched_dirs(), ElementsAre(dir.path()));
  write_file(dir.path() / "quotes.so", "a plugin");
  EXPECT_TRUE(calls.wait_for(1));
}

TEST(PluginDirectoryWatcher, AFailingCallbackLeavesTheWatcherWatching) {
  test::TemporaryDirectory dir;
  SettledCalls calls;
  PluginDirectoryWatcher watcher({dir.path()}, kSettle, [record = calls.callback()] {
    record();
    throw std::runtime_error("reload refused");
  });
  write_file(dir.path() / "first.so", "a plugin");
  ASSERT_TRUE(calls.wait_for(1));
  write_file(dir.path() / "second.so", "another");
  EXPECT_TRUE(calls.wait_for(2));
}

TEST(PluginDirectoryWatcher, StopDoesNotWaitForABurstToSettle) {
  test::TemporaryDirectory dir;
  SettledCalls calls;
  PluginDirectoryWatcher watcher({dir.path()}, milliseconds(60'000), calls.callback());
  write_file(dir.path() / "quotes.so", "a plugin");
  const Clock::time_point before = Clock::now();
  watcher.stop();
  EXPECT_LT(Clock::now() - before, kPatience);
  watcher.stop();  // idempotent, and what the destructor does next
  EXPECT_EQ(calls.count(), 0u);
}

}  // namespace
}  // namespace pricefeed::host
