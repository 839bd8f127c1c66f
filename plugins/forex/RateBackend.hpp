#pragma once

// What the forex source asks of the API that serves the ECB's reference rates. Two implementations:
// FrankfurterBackend (JSON, Frankfurter computes crosses itself) and EcbBackend (the ECB's SDMX CSV,
// crosses computed here from the euro rates). Implementations are immutable after construction, so
// one may serve several threads at once.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <pricefeed/host.hpp>

#include "forex/CurrencyPair.hpp"
#include "forex/DailyRate.hpp"

namespace pricefeed::forex {

// No run of TARGET closing days is longer than four (Good Friday to Easter Monday), so a longer run
// of days without a rate in a series that exists is a hole in it, not the calendar.
inline constexpr Day kLongestTargetClosure = 4;

// The last of days [.., last] whose fixing is surely out: today's may not be yet (the ECB publishes
// around 16:00 CET), so today is never called missing.
inline Day settled_last_day(const Host& host, Day last) {
  return std::min(last, day_containing(host.now_seconds()) - 1);
}

// Whether days [first, last] without any rate of a known currency can only be a hole in its series.
inline bool longer_than_any_closure(const Host& host, Day first, Day last) {
  return settled_last_day(host, last) - first + 1 > kLongestTargetClosure;
}

// Days of an asked range that the source will never have (a series that ended, a hole in it).
struct MissingRange {
  Day first = 0;
  Day last = 0;  // inclusive
  std::string reason;
};

struct PairHistory {
  RateSeries rates;  // within the asked days, oldest first
  std::optional<MissingRange> missing;
};

struct LatestRate {
  std::size_t pair_index = 0;  // which of the asked pairs
  DailyRate rate;              // the date the rate was fixed for, and the rate
};

struct PublishedCurrency {
  std::string code;
  std::string name;  // "US Dollar" (Frankfurter) or "US dollar" (the ECB's series title)
};

class RateBackend {
 public:
  virtual ~RateBackend() = default;

  // The pair's rates for the days [first, last], both inclusive. Throws Error::not_found naming a
  // currency the ECB does not publish.
  virtual PairHistory history(const Host& host, const CurrencyPair& pair, Day first, Day last) const = 0;

  // The most recent rate of each pair; pairs the source does not know are left out.
  virtual std::vector<LatestRate> latest(const Host& host, const std::vector<CurrencyPair>& pairs) const = 0;

  // The currencies with a current reference rate, the euro included.
  virtual std::vector<PublishedCurrency> currencies(const Host& host) const = 0;
};

}  // namespace pricefeed::forex
