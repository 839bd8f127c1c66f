#pragma once

// The exchange's local clock, which decides a daily bar's trading date. Yahoo stamps a daily bar at
// some local instant of its session (09:30 New York for equities, 00:00 New York for futures, 08:00
// London, 00:00 UTC for crypto and forex), so only the exchange-local date of that instant is
// meaningful; pricefeed stores it as 00:00 UTC of that date (docs/database.md, asset_prices).

#include <cstdint>
#include <string>
#include <string_view>

#include <date/tz.h>

namespace pricefeed::yahoo {

class ExchangeTimeZone {
 public:
  // zone_name is meta.exchangeTimezoneName (an IANA name). fallback_offset_seconds is meta.gmtoffset,
  // used only when the name is empty or unknown to the system's tz database: it is the offset at the
  // moment of the fetch, so across a daylight-saving change it can be an hour off.
  static ExchangeTimeZone resolve(std::string_view zone_name, std::int64_t fallback_offset_seconds);

  // 00:00 UTC of the exchange-local calendar date on which the instant falls.
  std::int64_t trading_date_ts(std::int64_t unix_seconds) const;

  // True when the zone name could not be used and the fixed fallback offset stands in.
  bool uses_fixed_offset() const noexcept { return zone_ == nullptr; }

  // "America/New_York", or "UTC-05:00 (fixed)" when the fallback offset is in use.
  std::string describe() const;

 private:
  ExchangeTimeZone(const date::time_zone* zone, std::int64_t fixed_offset_seconds)
      : zone_(zone), fixed_offset_seconds_(fixed_offset_seconds) {}

  const date::time_zone* zone_;  // owned by the process-wide tz database, which lives forever
  std::int64_t fixed_offset_seconds_;
};

// "2020-01-02" for a unix instant, read in UTC: how messages name a trading date.
std::string iso_date_utc(std::int64_t unix_seconds);

}  // namespace pricefeed::yahoo
