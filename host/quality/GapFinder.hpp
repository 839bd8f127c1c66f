// Missing trading days in an asset's stored daily history: the days its calendar says were traded
// (config/exchanges.toml; the forex class by [quality] forex_calendar, the ECB's working days) against
// the days asset_prices holds, merged into ranges and recorded in price_gaps. docs/quality.md "Gaps".
#pragma once

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/connection_base>
#include <pqxx/transaction_base>

#include "host/calendar/ExchangeCalendars.hpp"
#include "host/config/Config.hpp"

namespace pricefeed::host {

// Inclusive on both ends.
struct DateRange {
  std::chrono::sys_days first{};
  std::chrono::sys_days last{};

  bool operator==(const DateRange&) const = default;
};

// The trading days of `calendar` in [from, to] that are neither in `stored` nor inside one of `known`
// (gaps already recorded), as ranges: missing days separated only by non-trading days are one range,
// a stored or known day ends a range.
std::vector<DateRange> missing_trading_days(const ExchangeCalendar& calendar, std::chrono::sys_days from,
                                            std::chrono::sys_days to,
                                            const std::set<std::chrono::sys_days>& stored,
                                            const std::vector<DateRange>& known);

// An asset as the gap check needs it.
struct GapSubject {
  std::int64_t asset_id = 0;
  AssetClass asset_class = AssetClass::stock;
  std::string exchange;
};

class GapFinder {
 public:
  // Throws std::invalid_argument when quality.forex_calendar names no calendar of `calendars`.
  GapFinder(const ExchangeCalendars& calendars, const QualityConfig& quality);

  // The calendar an asset's daily history is judged by.
  const ExchangeCalendar& calendar_for(AssetClass asset_class, std::string_view exchange) const;

  // The last date that can be a gap at `now`: the day before the calendar's local today (today has
  // not closed and settled), one day earlier when the history's latest bar came from a source whose
  // bar of a day is final only the next day ([quality] next_day_sources).
  std::chrono::sys_days last_settled_date(const ExchangeCalendar& calendar, std::chrono::sys_seconds now,
                                          std::string_view latest_source) const;

  // The trading days of the asset in [from, to] with no 1d bar stored (ignoring recorded gaps).
  std::vector<std::chrono::sys_days> missing_days(pqxx::transaction_base& tx, const GapSubject& asset,
                                                  std::chrono::sys_days from, std::chrono::sys_days to) const;

  // Records, as open price_gaps rows, the missing trading days of the asset's 1d history within
  // [from, to], clipped to the stored history (before its first bar the asset may not have traded
  // yet: a source says so with an unavailable range instead) and to last_settled_date(now). Days
  // inside a gap already recorded (open, queued or unfillable) are not recorded again, so an
  // unfillable gap is never found anew. Returns the ids of the new gaps.
  std::vector<std::int64_t> record_gaps(pqxx::connection_base& connection, std::int64_t asset_id,
                                        std::chrono::sys_days from, std::chrono::sys_days to,
                                        std::chrono::sys_seconds now) const;

  // record_gaps over the whole stored history.
  std::vector<std::int64_t> record_all_gaps(pqxx::connection_base& connection, std::int64_t asset_id,
                                            std::chrono::sys_seconds now) const;

 private:
  const ExchangeCalendars& calendars_;
  const ExchangeCalendar* forex_calendar_;
  std::vector<std::string> next_day_sources_;
};

}  // namespace pricefeed::host
