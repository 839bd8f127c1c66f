#include "yahoo-api/YahooRangePlan.hpp"

#include <algorithm>

#include <pricefeed/error.hpp>

namespace pricefeed::yahoo {

namespace {

constexpr std::int64_t kDay = 86400;

struct IntervalLimits {
  std::int64_t served_days;       // how far back Yahoo serves this interval; 0: no limit
  std::int64_t max_request_span;  // seconds per request; 0: no limit
};

// Yahoo checks the served window against its own clock when the request arrives, which can be minutes
// after planning (the rate limiter may hold it). One day of margin keeps a request from being refused
// for having raced the boundary; that day is reported unavailable like the rest of the old part.
constexpr std::int64_t kWindowMarginDays = 1;

IntervalLimits limits_of(Resolution resolution) {
  switch (resolution) {
    case Resolution::day:
      return {0, 0};
    case Resolution::hour:
      return {730, 0};
    case Resolution::minute:
      // Yahoo has said 7 and 8 days per request over the years; 7 is accepted by both.
      return {30, 7 * kDay};
  }
  throw Error::unsupported("yahoo: unsupported resolution " +
                           std::to_string(static_cast<std::uint32_t>(resolution)));
}

std::int64_t round_up(std::int64_t value, std::int64_t step) {
  const std::int64_t remainder = ((value % step) + step) % step;
  return remainder == 0 ? value : value + (step - remainder);
}

}  // namespace

const char* yahoo_interval(Resolution resolution) {
  limits_of(resolution);  // refuses a resolution Yahoo does not serve
  // Yahoo spells its intervals as the SDK names resolutions.
  return resolution_name(resolution);
}

YahooRangePlan plan_chart_requests(Resolution resolution, std::int64_t start, std::int64_t end,
                                   std::int64_t now) {
  const IntervalLimits limits = limits_of(resolution);
  YahooRangePlan plan;
  if (start >= end) return plan;

  if (resolution == Resolution::day) {
    // A daily bar is stamped at an exchange-local instant that can lie on the UTC day before its
    // trading date (Asia-Pacific sessions open before 00:00 UTC) or after it (New York futures at
    // 05:00 UTC). Asking one day wider on both sides and keeping the bars whose trading date falls in
    // [start, end) gets every bar of the range and no other.
    plan.requests.push_back({start, end, start - kDay, end + kDay});
    return plan;
  }

  // Intraday: nothing can exist after now, so the future costs no request.
  const std::int64_t served_end = std::min(end, now);
  const std::int64_t served_from =
      round_up(now - (limits.served_days - kWindowMarginDays) * kDay, 60);  // whole minutes
  std::int64_t from = start;
  if (from < served_from) {
    const std::int64_t gap_end = std::min(end, served_from);
    plan.unavailable =
        UnavailableRange{start, gap_end,
                         std::string("Yahoo serves ") + yahoo_interval(resolution) +
                             " bars only for the last " + std::to_string(limits.served_days) + " days"};
    from = gap_end;
  }
  const std::int64_t span = limits.max_request_span > 0 ? limits.max_request_span : served_end - from;
  while (from < served_end) {
    const std::int64_t to = std::min(served_end, from + span);
    plan.requests.push_back({from, to, from, to});
    from = to;
  }
  return plan;
}

}  // namespace pricefeed::yahoo
