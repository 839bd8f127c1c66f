#include "host/ratelimit/RateLimiter.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pricefeed::host {

namespace {

// Refills are computed in floating point; a bucket this close to the need counts as enough, so a
// wait computed for exactly the missing units never ends a hair short and waits again.
constexpr double kTokenTolerance = 1e-6;

}  // namespace

double validated_requests_per_minute(const RateLimit& limit) {
  if (!std::isfinite(limit.requests_per_minute) || limit.requests_per_minute <= 0) {
    throw std::invalid_argument("rate limit: requests_per_minute must be a positive number, got " +
                                std::to_string(limit.requests_per_minute));
  }
  return limit.requests_per_minute;
}

RateLimiter::RateLimiter(RateLimit limit, Clock& clock)
    : limit_(limit),
      clock_(clock),
      capacity_(std::max<double>(limit.burst, 1)),
      units_per_tick_(
          validated_requests_per_minute(limit) /
          static_cast<double>(std::chrono::duration_cast<Clock::duration>(std::chrono::minutes{1}).count())),
      tokens_(capacity_),
      last_refill_(clock.now()) {}

RateLimiter::RateLimiter(RateLimit limit, Clock& clock, const RateLimiterState& previous)
    : RateLimiter(limit, clock) {
  tokens_ = std::min(capacity_, previous.tokens);
  if (previous.cooldown_until) {
    cooldown_until_ = *previous.cooldown_until;
    last_refill_ = std::max(last_refill_, cooldown_until_);
  }
  requests_granted_ = previous.requests_granted;
  rate_limited_responses_ = previous.rate_limited_responses;
  carry_time_in_acquire(previous.time_in_acquire);
}

void RateLimiter::refill(Clock::time_point now) {
  // last_refill_ may lie in the future: a cooldown moves it to the cooldown's end.
  if (now <= last_refill_) return;
  double earned = static_cast<double>((now - last_refill_).count()) * units_per_tick_;
  tokens_ = std::min(capacity_, tokens_ + earned);
  last_refill_ = now;
}

Clock::duration RateLimiter::time_to_earn(double units) const {
  if (units <= 0) return Clock::duration::zero();
  double ticks = std::ceil(units / units_per_tick_);
  // A wait longer than any deadline is as good as forever; avoid overflowing the duration.
  if (ticks >= static_cast<double>(Clock::duration::max().count() / 2)) return Clock::duration::max() / 2;
  return Clock::duration{static_cast<Clock::duration::rep>(ticks)};
}

void RateLimiter::leave_queue(std::uint64_t ticket) {
  auto found = std::find(queue_.begin(), queue_.end(), ticket);
  if (found != queue_.end()) queue_.erase(found);
  // Whoever is now at the head has to look at the bucket.
  wakeup_.notify_all();
}

Admission RateLimiter::acquire_units(std::uint32_t cost, Clock::time_point deadline, std::stop_token cancel) {
  const double spend = cost == 0 ? 1.0 : static_cast<double>(cost);
  // What must be in the bucket before the request goes: its cost, or a full bucket when the cost
  // exceeds the burst (see the header).
  const double needed = std::min(spend, capacity_);

  // Constructed before taking the mutex: a token already stopped runs this callback right here.
  std::stop_callback on_cancel(cancel, [this] {
    std::lock_guard guard(mutex_);
    wakeup_.notify_all();
  });

  std::unique_lock lock(mutex_);
  const std::uint64_t ticket = next_ticket_++;
  queue_.push_back(ticket);

  for (;;) {
    if (cancel.stop_requested()) {
      leave_queue(ticket);
      return Admission{Admission::Outcome::cancelled, {}};
    }
    const Clock::time_point now = clock_.now();
    if (now < cooldown_until_) {
      leave_queue(ticket);
      return Admission{Admission::Outcome::cooling_down, cooldown_until_};
    }
    if (queue_.front() == ticket) {
      refill(now);
      if (tokens_ + kTokenTolerance >= needed) {
        tokens_ -= spend;
        ++requests_granted_;
        leave_queue(ticket);
        return Admission{Admission::Outcome::granted, {}};
      }
      const Clock::duration wait = time_to_earn(needed - tokens_);
      // Earning starts at last_refill_, which a cooldown may have put after now.
      const Clock::time_point ready_at = std::max(now, last_refill_) + wait;
      if (ready_at > deadline) {
        leave_queue(ticket);
        return Admission{Admission::Outcome::deadline_passed, {}};
      }
      clock_.wait_until(wakeup_, lock, ready_at);
    } else {
      if (now >= deadline) {
        leave_queue(ticket);
        return Admission{Admission::Outcome::deadline_passed, {}};
      }
      clock_.wait_until(wakeup_, lock, deadline);
    }
  }
}

void RateLimiter::enter_cooldown(Clock::time_point until) {
  std::lock_guard guard(mutex_);
  ++rate_limited_responses_;
  if (until <= cooldown_until_) return;
  cooldown_until_ = until;
  refill(clock_.now());
  // The source said "too many": what was left in the bucket is not to be trusted. Keep any debt.
  tokens_ = std::min(tokens_, 0.0);
  last_refill_ = std::max(last_refill_, until);
  wakeup_.notify_all();
}

RateLimiterState RateLimiter::state() const {
  std::lock_guard guard(mutex_);
  const Clock::time_point now = clock_.now();
  RateLimiterState state;
  state.capacity = capacity_;
  state.tokens = tokens_;
  if (now > last_refill_) {
    state.tokens =
        std::min(capacity_, tokens_ + static_cast<double>((now - last_refill_).count()) * units_per_tick_);
  }
  if (now < cooldown_until_) state.cooldown_until = cooldown_until_;
  state.requests_granted = requests_granted_;
  state.rate_limited_responses = rate_limited_responses_;
  state.callers_waiting = queue_.size();
  state.time_in_acquire = time_in_acquire();
  return state;
}

}  // namespace pricefeed::host
