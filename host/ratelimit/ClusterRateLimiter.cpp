#include "host/ratelimit/ClusterRateLimiter.hpp"

#include <algorithm>
#include <pqxx/except>

#include "host/log/Log.hpp"

namespace pricefeed::host {
namespace {

// As RateLimiter: units this close to the need count as enough.
constexpr double kTokenTolerance = 1e-6;

// SQLSTATE no_data_found: pricefeed_take_rate_limit_tokens found no bucket for the source (someone
// deleted its row); it is configured again before the next take.
constexpr std::string_view kNoBucket = "P0002";

}  // namespace

ClusterRateLimiter::ClusterRateLimiter(std::string source, RateLimit limit, SharedRateLimitBucket& bucket,
                                       Clock& clock, ClusterRateLimiterSettings settings)
    : source_(std::move(source)), limit_(limit), bucket_(bucket), clock_(clock), settings_(settings) {
  validated_requests_per_minute(limit_);
  try {
    configure_shared();
  } catch (const std::exception& error) {
    note_outage(error);
  }
}

void ClusterRateLimiter::configure_shared() {
  if (configured_) return;
  const std::optional<RateLimit> previous = bucket_.configure(source_, limit_);
  configured_ = true;
  if (previous && (previous->requests_per_minute != limit_.requests_per_minute ||
                   previous->burst != std::max<std::uint32_t>(limit_.burst, 1))) {
    log_warn("shared rate limit changed by this host's configuration (the last host to start wins)",
             {{"source", source_},
              {"requests_per_minute", limit_.requests_per_minute},
              {"burst", static_cast<std::int64_t>(limit_.burst)},
              {"previous_requests_per_minute", previous->requests_per_minute},
              {"previous_burst", static_cast<std::int64_t>(previous->burst)}});
  }
}

void ClusterRateLimiter::note_outage(const std::exception& error) {
  if (in_outage_.exchange(true)) return;
  log_warn("shared rate limit unreachable: no requests to the source until the database answers",
           {{"source", source_}, {"error", error.what()}});
}

void ClusterRateLimiter::note_reachable() {
  if (in_outage_.exchange(false)) log_info("shared rate limit reachable again", {{"source", source_}});
}

bool ClusterRateLimiter::take_shared(std::uint32_t cost, std::uint32_t lease_extra, SharedTokens& answer) {
  try {
    configure_shared();
    answer = bucket_.take(source_, cost, lease_extra);
    note_reachable();
    return true;
  } catch (const pqxx::sql_error& error) {
    if (error.sqlstate() == kNoBucket) configured_ = false;
    note_outage(error);
  } catch (const std::exception& error) {
    note_outage(error);
  }
  return false;
}

Admission ClusterRateLimiter::acquire_units(std::uint32_t cost, Clock::time_point deadline,
                                            std::stop_token cancel) {
  const double spend = cost == 0 ? 1.0 : static_cast<double>(cost);
  // Constructed before taking the mutex: a token already stopped runs this callback right here.
  std::stop_callback on_cancel(cancel, [this] {
    std::lock_guard guard(mutex_);
    wakeup_.notify_all();
  });

  std::unique_lock lock(mutex_);
  ++callers_waiting_;
  // Declared after `lock`, so it runs while the mutex is still held.
  struct LeaveWaiting {
    std::size_t& count;
    ~LeaveWaiting() { --count; }
  } leave_waiting{callers_waiting_};

  for (;;) {
    if (cancel.stop_requested()) return Admission{Admission::Outcome::cancelled, {}};
    const Clock::time_point now = clock_.now();
    if (now < cooldown_until_) return Admission{Admission::Outcome::cooling_down, cooldown_until_};
    if (now >= lease_ends_) leased_ = 0;
    if (leased_ + kTokenTolerance >= spend) {
      leased_ -= spend;
      ++requests_granted_;
      return Admission{Admission::Outcome::granted, {}};
    }
    if (round_trip_running_ || now < next_round_trip_) {
      if (now >= deadline || (!round_trip_running_ && next_round_trip_ > deadline))
        return Admission{Admission::Outcome::deadline_passed, {}};
      clock_.wait_until(wakeup_, lock, round_trip_running_ ? deadline : next_round_trip_);
      continue;
    }

    // Units left from the last lease are dropped rather than kept past their own lease time.
    leased_ = 0;
    round_trip_running_ = true;
    const std::uint32_t lease_extra =
        settings_.lease_requests > 1 ? (settings_.lease_requests - 1) * std::max<std::uint32_t>(cost, 1) : 0;
    SharedTokens answer;
    lock.unlock();
    const bool reached = take_shared(cost, lease_extra, answer);
    lock.lock();
    round_trip_running_ = false;
    wakeup_.notify_all();

    if (!reached) {
      next_round_trip_ = clock_.now() + settings_.outage_retry;
      continue;
    }
    shared_tokens_ = answer.tokens_left;
    if (answer.cooldown_left) {
      cooldown_until_ = std::max(cooldown_until_, clock_.now() + *answer.cooldown_left);
      continue;
    }
    if (answer.granted > 0) {
      // Measured from before the round trip: the database took the units no earlier than that.
      lease_ends_ = now + answer.lease;
      leased_ = answer.granted - spend;
      ++requests_granted_;
      return Admission{Admission::Outcome::granted, {}};
    }
    next_round_trip_ = clock_.now() + answer.wait;
  }
}

void ClusterRateLimiter::enter_cooldown(Clock::time_point until) {
  {
    std::lock_guard guard(mutex_);
    ++rate_limited_responses_;
    if (until <= cooldown_until_) return;
    cooldown_until_ = until;
    leased_ = 0;
    wakeup_.notify_all();
  }
  const auto retry_after = until - clock_.now();
  if (retry_after <= Clock::duration::zero()) return;
  try {
    configure_shared();
    const auto left = bucket_.enter_cooldown(source_, retry_after);
    note_reachable();
    std::lock_guard guard(mutex_);
    cooldown_until_ = std::max(cooldown_until_, clock_.now() + left);
  } catch (const std::exception& error) {
    // This host still keeps its own cooldown; the others learn of the source's answer from theirs.
    note_outage(error);
  }
}

RateLimiterState ClusterRateLimiter::state() const {
  std::lock_guard guard(mutex_);
  const Clock::time_point now = clock_.now();
  RateLimiterState state;
  state.capacity = std::max<std::uint32_t>(limit_.burst, 1);
  state.tokens = shared_tokens_ + (now < lease_ends_ ? leased_ : 0);
  if (now < cooldown_until_) state.cooldown_until = cooldown_until_;
  state.requests_granted = requests_granted_;
  state.rate_limited_responses = rate_limited_responses_;
  state.callers_waiting = callers_waiting_;
  state.time_in_acquire = time_in_acquire();
  return state;
}

}  // namespace pricefeed::host
