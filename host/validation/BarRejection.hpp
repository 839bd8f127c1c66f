// Why a bar was refused before it reached the database (docs/queue-and-writing.md, "The write path").
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pricefeed::host {

// One reason per rejected bar: the first rule it breaks, in the order listed here.
enum class BarRejection {
  timestamp_out_of_range,  // before 1900-01-01 UTC: no price partition can hold it
  timestamp_in_future,
  outside_requested_range,  // not in the job's [start, end): the source answered more than it was asked
  daily_not_at_midnight,    // a daily bar is stamped 00:00 UTC; any other instant is another resolution
  finer_than_resolution,    // an intraday bar off the whole minute, or a second bar in one UTC hour of 1h
  close_missing,            // close is the one value every source provides
  value_not_finite,         // an infinite price or volume (NaN means "absent" and is allowed)
  open_not_positive,
  high_not_positive,
  low_not_positive,
  close_not_positive,
  adj_close_not_positive,
  volume_negative,
  low_above_open,
  low_above_close,
  open_above_high,
  close_above_high,
  more_than_range_holds,  // a good bar past as many distinct ts as the range has slots of the resolution
};

inline constexpr std::size_t kBarRejectionCount = 18;

// Human text for logs and error messages: "close missing", "low above close" ...
std::string_view describe(BarRejection rejection);

// The enumerator's name ("close_missing"): a stable word for metric labels.
std::string_view to_string(BarRejection rejection);

// Every value, for reports that list each reason.
const std::array<BarRejection, kBarRejectionCount>& all_bar_rejections();

// Rejected bars counted per reason; cheap to copy and add up.
class BarRejectionCounts {
 public:
  void add(BarRejection rejection, std::int64_t count = 1) { counts_[index(rejection)] += count; }
  std::int64_t count(BarRejection rejection) const { return counts_[index(rejection)]; }
  std::int64_t total() const;
  BarRejectionCounts& operator+=(const BarRejectionCounts& other);
  bool operator==(const BarRejectionCounts&) const = default;

 private:
  static std::size_t index(BarRejection rejection) { return static_cast<std::size_t>(rejection); }
  std::array<std::int64_t, kBarRejectionCount> counts_{};
};

}  // namespace pricefeed::host
