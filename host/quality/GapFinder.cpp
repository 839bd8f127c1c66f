#include "host/quality/GapFinder.hpp"

#include <algorithm>
#include <stdexcept>

#include <pqxx/pqxx>

#include "host/log/Log.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

bool inside_any(sys_days day, const std::vector<DateRange>& ranges) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [day](const DateRange& r) { return r.first <= day && day <= r.last; });
}

std::string days_text(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " trading day" : " trading days");
}

GapSubject load_subject(pqxx::transaction_base& tx, std::int64_t asset_id) {
  auto rows =
      tx.exec_params("SELECT asset_class, coalesce(exchange, '') FROM assets WHERE id = $1", asset_id);
  if (rows.empty()) throw std::invalid_argument("gap check: no asset with id " + std::to_string(asset_id));
  return {asset_id, require_asset_class(rows[0][0].c_str()), rows[0][1].as<std::string>()};
}

// The stored 1d dates of the asset in [from, to], from one query.
std::set<sys_days> stored_dates(pqxx::transaction_base& tx, std::int64_t asset_id, sys_days from,
                                sys_days to) {
  std::set<sys_days> dates;
  for (const auto& row : tx.exec_params(
           "SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM asset_prices "
           "WHERE asset_id = $1 AND resolution = '1d' AND ts >= ($2::date)::timestamp AT TIME ZONE 'UTC' "
           "AND ts < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'",
           asset_id, format_iso_date(from), format_iso_date(to))) {
    dates.insert(parse_iso_date(row[0].c_str()));
  }
  return dates;
}

}  // namespace

std::vector<DateRange> missing_trading_days(const ExchangeCalendar& calendar, sys_days from, sys_days to,
                                            const std::set<sys_days>& stored,
                                            const std::vector<DateRange>& known) {
  std::vector<DateRange> ranges;
  bool open = false;
  for (sys_days day = from; day <= to; day += days(1)) {
    if (!calendar.has_daily_bar(std::chrono::year_month_day(day))) continue;
    if (stored.contains(day) || inside_any(day, known)) {
      open = false;
      continue;
    }
    if (open) {
      ranges.back().last = day;
    } else {
      ranges.push_back({day, day});
      open = true;
    }
  }
  return ranges;
}

GapFinder::GapFinder(const ExchangeCalendars& calendars, const QualityConfig& quality)
    : calendars_(calendars),
      forex_calendar_(calendars.for_exchange(quality.forex_calendar)),
      next_day_sources_(quality.next_day_sources) {
  if (forex_calendar_ == nullptr) {
    throw std::invalid_argument("quality.forex_calendar: \"" + quality.forex_calendar +
                                "\" is not a calendar of the exchanges file (docs/calendars.md)");
  }
}

const ExchangeCalendar& GapFinder::calendar_for(AssetClass asset_class, std::string_view exchange) const {
  if (asset_class == AssetClass::forex) return *forex_calendar_;
  return calendars_.for_asset(asset_class, exchange);
}

sys_days GapFinder::last_settled_date(const ExchangeCalendar& calendar, std::chrono::sys_seconds now,
                                      std::string_view latest_source) const {
  sys_days settled = sys_days(calendar.local_date(now)) - days(1);
  if (std::find(next_day_sources_.begin(), next_day_sources_.end(), latest_source) !=
      next_day_sources_.end()) {
    settled -= days(1);
  }
  return settled;
}

std::vector<sys_days> GapFinder::missing_days(pqxx::transaction_base& tx, const GapSubject& asset,
                                              sys_days from, sys_days to) const {
  const auto stored = stored_dates(tx, asset.asset_id, from, to);
  const ExchangeCalendar& calendar = calendar_for(asset.asset_class, asset.exchange);
  std::vector<sys_days> missing;
  for (sys_days day = from; day <= to; day += days(1)) {
    if (calendar.has_daily_bar(std::chrono::year_month_day(day)) && !stored.contains(day))
      missing.push_back(day);
  }
  return missing;
}

std::vector<std::int64_t> GapFinder::record_gaps(pqxx::connection_base& connection, std::int64_t asset_id,
                                                 sys_days from, sys_days to,
                                                 std::chrono::sys_seconds now) const {
  pqxx::work tx(connection);
  const GapSubject asset = load_subject(tx, asset_id);
  const ExchangeCalendar& calendar = calendar_for(asset.asset_class, asset.exchange);

  auto bounds = tx.exec_params(
      "SELECT to_char(first.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), latest.source FROM "
      "(SELECT ts FROM asset_prices WHERE asset_id = $1 AND resolution = '1d' ORDER BY ts LIMIT 1) first, "
      "(SELECT source FROM asset_prices WHERE asset_id = $1 AND resolution = '1d' ORDER BY ts DESC LIMIT 1) "
      "latest",
      asset_id);
  if (bounds.empty()) return {};  // no history: nothing it could be missing
  from = std::max(from, parse_iso_date(bounds[0][0].c_str()));
  to = std::min(to, last_settled_date(calendar, now, bounds[0][1].c_str()));
  if (from > to) return {};

  std::vector<DateRange> known;
  for (const auto& row : tx.exec_params("SELECT start_date::text, end_date::text FROM price_gaps "
                                        "WHERE asset_id = $1 AND resolution = '1d' AND status <> 'filled' "
                                        "AND end_date >= $2::date AND start_date <= $3::date",
                                        asset_id, format_iso_date(from), format_iso_date(to))) {
    known.push_back({parse_iso_date(row[0].c_str()), parse_iso_date(row[1].c_str())});
  }

  std::vector<std::int64_t> ids;
  for (const DateRange& range :
       missing_trading_days(calendar, from, to, stored_dates(tx, asset_id, from, to), known)) {
    std::size_t count = 0;
    for (sys_days day = range.first; day <= range.last; day += days(1)) {
      if (calendar.has_daily_bar(std::chrono::year_month_day(day))) ++count;
    }
    const std::string reason = "no bar for " + days_text(count) + " of the " + calendar.name() + " calendar";
    // A range once filled and missing again (rows deleted by hand) is a gap again.
    auto row = tx.exec_params(
        "INSERT INTO price_gaps (asset_id, resolution, start_date, end_date, reason) "
        "VALUES ($1, '1d', $2::date, $3::date, $4) "
        "ON CONFLICT (asset_id, resolution, start_date, end_date) DO UPDATE "
        "SET status = 'open', reason = EXCLUDED.reason, backfill_job_id = NULL, updated_at = now() "
        "WHERE price_gaps.status = 'filled' RETURNING id",
        asset_id, format_iso_date(range.first), format_iso_date(range.last), reason);
    if (row.empty()) continue;
    ids.push_back(row[0][0].as<std::int64_t>());
    log_info("gap found", {{"asset_id", asset_id},
                           {"gap_id", ids.back()},
                           {"start_date", format_iso_date(range.first)},
                           {"end_date", format_iso_date(range.last)},
                           {"trading_days", static_cast<std::int64_t>(count)},
                           {"calendar", calendar.name()}});
  }
  tx.commit();
  return ids;
}

std::vector<std::int64_t> GapFinder::record_all_gaps(pqxx::connection_base& connection, std::int64_t asset_id,
                                                     std::chrono::sys_seconds now) const {
  // record_gaps clips to the stored history and the settled days; the widest range says "all of it".
  return record_gaps(connection, asset_id, sys_days(std::chrono::year(1900) / 1 / 1),
                     sys_days(std::chrono::year(2999) / 12 / 31), now);
}

}  // namespace pricefeed::host
