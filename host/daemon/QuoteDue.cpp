#include "host/daemon/QuoteDue.hpp"

namespace pricefeed::host {

bool quote_due(const ExchangeCalendar& calendar, std::chrono::sys_seconds now,
               std::optional<std::chrono::sys_seconds> latest_price_updated, bool trading_hours_only) {
  if (!trading_hours_only) return true;
  if (calendar.is_open(now)) return true;
  if (!latest_price_updated) return true;  // never priced: the last close is better than nothing
  const auto last_close = calendar.last_close(now);
  return last_close && *latest_price_updated < *last_close + kCloseSettles;
}

std::chrono::sys_days quote_trading_date(AssetClass asset_class, const ExchangeCalendar& calendar,
                                         std::chrono::sys_seconds ts) {
  if (asset_class == AssetClass::crypto || asset_class == AssetClass::forex) {
    return std::chrono::floor<std::chrono::days>(ts);
  }
  return std::chrono::sys_days{calendar.local_date(ts)};
}

}  // namespace pricefeed::host
