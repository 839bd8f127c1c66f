#pragma once

// Yahoo's chart endpoint serves intraday history only for a recent window and in short pieces:
//   1m: the last 30 days, at most 7-8 days per request ("Only 8 days worth of 1m granularity data are
//       allowed to be fetched per request"); 1h: the last 730 days; 1d: everything.
// YahooRangePlan turns one asked range into requests that each stay within those limits, plus the
// part Yahoo cannot serve, which is reported to the host instead of failing the job.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pricefeed/records.hpp>

namespace pricefeed::yahoo {

struct ChartRequestWindow {
  std::int64_t start = 0;  // bars with pricefeed ts in [start, end) are kept from this answer
  std::int64_t end = 0;
  std::int64_t period1 = 0;  // what is sent: wider than [start, end) for daily bars (see plan)
  std::int64_t period2 = 0;
};

struct UnavailableRange {
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::string reason;
};

struct YahooRangePlan {
  std::optional<UnavailableRange> unavailable;  // the oldest part, outside the served window
  std::vector<ChartRequestWindow> requests;     // oldest first, adjacent, not overlapping
};

// Yahoo's "interval" parameter for a resolution: "1d", "1h", "1m".
const char* yahoo_interval(Resolution resolution);

// [start, end) is the asked range (unix seconds), now the host's clock.
YahooRangePlan plan_chart_requests(Resolution resolution, std::int64_t start, std::int64_t end,
                                   std::int64_t now);

}  // namespace pricefeed::yahoo
