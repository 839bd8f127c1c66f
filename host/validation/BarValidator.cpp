#include "host/validation/BarValidator.hpp"

#include <cmath>
#include <utility>

namespace pricefeed::host {
namespace {

// 1900-01-01T00:00:00Z: the first instant pricefeed_ensure_price_partition accepts.
constexpr std::int64_t kEarliestStorableTs = -2208988800;
constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kSecondsPerMinute = 60;

bool present(double value) {
  return !std::isnan(value);
}

// Present and not a positive price (zero, negative): NaN (absent) passes.
bool present_and_not_positive(double value) {
  return present(value) && !(value > 0.0);
}

// Both present and a > b.
bool above(double a, double b) {
  return present(a) && present(b) && a > b;
}

}  // namespace

std::int64_t BarValidator::system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t bars_range_can_hold(Resolution resolution, RequestedRange range) {
  if (range.end <= range.start) return 0;
  std::int64_t step = kSecondsPerDay;
  if (resolution == Resolution::hour) step = 3600;
  if (resolution == Resolution::minute) step = 60;
  const std::int64_t span = range.end - range.start;
  return span / step + (span % step != 0 ? 1 : 0);
}

BarValidator::BarValidator(Resolution resolution, Clock now, std::optional<RequestedRange> requested)
    : daily_(resolution == Resolution::day), now_(std::move(now)), requested_(requested) {}

std::int64_t BarValidator::latest_allowed_ts(std::int64_t now) const {
  if (!daily_) return now + kIntradayClockSkewAllowance.count();
  const std::int64_t earliest_zone_now = now + std::chrono::seconds(kEarliestUtcOffset).count();
  // Midnight of that zone's date, floored (also right for instants before 1970).
  std::int64_t day = earliest_zone_now / kSecondsPerDay;
  if (earliest_zone_now % kSecondsPerDay < 0) --day;
  return day * kSecondsPerDay;
}

std::optional<BarRejection> BarValidator::check(const Bar& bar) const {
  if (bar.ts < kEarliestStorableTs) return BarRejection::timestamp_out_of_range;
  if (bar.ts > latest_allowed_ts(now_())) return BarRejection::timestamp_in_future;
  if (requested_ && (bar.ts < requested_->start || bar.ts >= requested_->end)) {
    return BarRejection::outside_requested_range;
  }
  if (daily_ && bar.ts % kSecondsPerDay != 0) return BarRejection::daily_not_at_midnight;
  // Hourly bars open on the session's minute (09:30 New York, 09:15 Mumbai), never between minutes.
  if (!daily_ && bar.ts % kSecondsPerMinute != 0) return BarRejection::finer_than_resolution;
  if (!present(bar.close)) return BarRejection::close_missing;
  for (const double value : {bar.open, bar.high, bar.low, bar.close, bar.adj_close, bar.volume}) {
    if (std::isinf(value)) return BarRejection::value_not_finite;
  }
  if (present_and_not_positive(bar.open)) return BarRejection::open_not_positive;
  if (present_and_not_positive(bar.high)) return BarRejection::high_not_positive;
  if (present_and_not_positive(bar.low)) return BarRejection::low_not_positive;
  if (present_and_not_positive(bar.close)) return BarRejection::close_not_positive;
  if (present_and_not_positive(bar.adj_close)) return BarRejection::adj_close_not_positive;
  if (present(bar.volume) && bar.volume < 0.0) return BarRejection::volume_negative;
  if (above(bar.low, bar.open)) return BarRejection::low_above_open;
  if (above(bar.low, bar.close)) return BarRejection::low_above_close;
  if (above(bar.open, bar.high)) return BarRejection::open_above_high;
  if (above(bar.close, bar.high)) return BarRejection::close_above_high;
  return std::nullopt;
}

}  // namespace pricefeed::host
