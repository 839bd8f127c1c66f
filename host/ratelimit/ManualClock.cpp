#include "host/ratelimit/ManualClock.hpp"

#include <algorithm>

namespace pricefeed::host {

namespace {

constexpr std::chrono::system_clock::time_point kDefaultWallStart{std::chrono::seconds{1735689600}};

}  // namespace

ManualClock::ManualClock() : ManualClock(time_point{} + std::chrono::hours{1}, kDefaultWallStart) {}

ManualClock::ManualClock(time_point start, std::chrono::system_clock::time_point wall_start)
    : now_(start), wall_now_(wall_start) {}

Clock::time_point ManualClock::now() const {
  std::lock_guard guard(mutex_);
  return now_;
}

std::chrono::system_clock::time_point ManualClock::wall_now() const {
  std::lock_guard guard(mutex_);
  return wall_now_;
}

void ManualClock::wait_until(std::condition_variable& wakeup, std::unique_lock<std::mutex>& lock,
                             time_point deadline) {
  {
    std::lock_guard guard(mutex_);
    // Checked under our mutex: an advance() that already happened is seen here, and one that
    // happens later finds this waiter registered.
    if (now_ >= deadline) return;
    waiters_.push_back(Waiter{&wakeup, lock.mutex()});
  }
  waiters_changed_.notify_all();
  // advance() notifies while holding the caller's mutex, which we hold until wait() releases it,
  // so its notification cannot fall between our registration and our wait.
  wakeup.wait(lock);
  {
    std::lock_guard guard(mutex_);
    auto found = std::find_if(waiters_.begin(), waiters_.end(),
                              [&](const Waiter& waiter) { return waiter.wakeup == &wakeup; });
    if (found != waiters_.end()) waiters_.erase(found);
  }
  waiters_changed_.notify_all();
}

void ManualClock::advance(duration step) {
  std::vector<Waiter> to_wake;
  {
    std::lock_guard guard(mutex_);
    if (step > duration::zero()) {
      now_ += step;
      wall_now_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(step);
    }
    to_wake = waiters_;
  }
  // Our own mutex is not held here: waiters take it while holding theirs, so holding ours while
  // taking theirs could deadlock.
  for (const Waiter& waiter : to_wake) {
    std::lock_guard guard(*waiter.mutex);
    waiter.wakeup->notify_all();
  }
}

void ManualClock::await_waiters(std::size_t count) const {
  std::unique_lock lock(mutex_);
  waiters_changed_.wait(lock, [&] { return waiters_.size() >= count; });
}

std::size_t ManualClock::waiter_count() const {
  std::lock_guard guard(mutex_);
  return waiters_.size();
}

}  // namespace pricefeed::host
