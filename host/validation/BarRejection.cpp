#include "host/validation/BarRejection.hpp"

#include <numeric>

namespace pricefeed::host {

std::string_view describe(BarRejection rejection) {
  switch (rejection) {
    case BarRejection::timestamp_out_of_range:
      return "timestamp before 1900";
    case BarRejection::timestamp_in_future:
      return "timestamp in the future";
    case BarRejection::outside_requested_range:
      return "outside the requested range";
    case BarRejection::daily_not_at_midnight:
      return "daily bar not at 00:00 UTC";
    case BarRejection::finer_than_resolution:
      return "finer than the requested resolution";
    case BarRejection::close_missing:
      return "close missing";
    case BarRejection::value_not_finite:
      return "value not finite";
    case BarRejection::open_not_positive:
      return "open not positive";
    case BarRejection::high_not_positive:
      return "high not positive";
    case BarRejection::low_not_positive:
      return "low not positive";
    case BarRejection::close_not_positive:
      return "close not positive";
    case BarRejection::adj_close_not_positive:
      return "adj_close not positive";
    case BarRejection::volume_negative:
      return "volume negative";
    case BarRejection::low_above_open:
      return "low above open";
    case BarRejection::low_above_close:
      return "low above close";
    case BarRejection::open_above_high:
      return "open above high";
    case BarRejection::close_above_high:
      return "close above high";
    case BarRejection::more_than_range_holds:
      return "more bars than the range holds";
  }
  return "unknown rejection";
}

std::string_view to_string(BarRejection rejection) {
  switch (rejection) {
    case BarRejection::timestamp_out_of_range:
      return "timestamp_out_of_range";
    case BarRejection::timestamp_in_future:
      return "timestamp_in_future";
    case BarRejection::outside_requested_range:
      return "outside_requested_range";
    case BarRejection::daily_not_at_midnight:
      return "daily_not_at_midnight";
    case BarRejection::finer_than_resolution:
      return "finer_than_resolution";
    case BarRejection::close_missing:
      return "close_missing";
    case BarRejection::value_not_finite:
      return "value_not_finite";
    case BarRejection::open_not_positive:
      return "open_not_positive";
    case BarRejection::high_not_positive:
      return "high_not_positive";
    case BarRejection::low_not_positive:
      return "low_not_positive";
    case BarRejection::close_not_positive:
      return "close_not_positive";
    case BarRejection::adj_close_not_positive:
      return "adj_close_not_positive";
    case BarRejection::volume_negative:
      return "volume_negative";
    case BarRejection::low_above_open:
      return "low_above_open";
    case BarRejection::low_above_close:
      return "low_above_close";
    case BarRejection::open_above_high:
      return "open_above_high";
    case BarRejection::close_above_high:
      return "close_above_high";
    case BarRejection::more_than_range_holds:
      return "more_than_range_holds";
  }
  return "unknown";
}

const std::array<BarRejection, kBarRejectionCount>& all_bar_rejections() {
  static const std::array<BarRejection, kBarRejectionCount> all = {
      BarRejection::timestamp_out_of_range,  BarRejection::timestamp_in_future,
      BarRejection::outside_requested_range, BarRejection::daily_not_at_midnight,
      BarRejection::finer_than_resolution,   BarRejection::close_missing,
      BarRejection::value_not_finite,        BarRejection::open_not_positive,
      BarRejection::high_not_positive,       BarRejection::low_not_positive,
      BarRejection::close_not_positive,      BarRejection::adj_close_not_positive,
      BarRejection::volume_negative,         BarRejection::low_above_open,
      BarRejection::low_above_close,         BarRejection::open_above_high,
      BarRejection::close_above_high,        BarRejection::more_than_range_holds,
  };
  return all;
}

std::int64_t BarRejectionCounts::total() const {
  return std::accumulate(counts_.begin(), counts_.end(), std::int64_t{0});
}

BarRejectionCounts& BarRejectionCounts::operator+=(const BarRejectionCounts& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i)
    counts_[i] += other.counts_[i];
  return *this;
}

}  // namespace pricefeed::host
