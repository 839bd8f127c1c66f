#pragma once

// One reference rate: the price of one unit of a pair's base in its quote currency on one date.

#include <vector>

#include "forex/ForexDate.hpp"

namespace pricefeed::forex {

struct DailyRate {
  Day day = 0;
  double value = 0;
  bool operator==(const DailyRate&) const = default;
};

// Oldest first, at most one rate a day. Days without a rate (weekends, TARGET holidays) are absent.
using RateSeries = std::vector<DailyRate>;

}  // namespace pricefeed::forex
