// Whether an asset's latest price is fetched this tick. With trading_hours_only off, always;
// otherwise while the asset's calendar says its market is open (CRYPTO's, 24x7 in
// config/exchanges.toml, always is), and after it closes until a price taken at least kCloseSettles
// after the close is stored: closing auctions run on past the close (ASX: ~11 minutes) and delayed
// feeds lag by 15-20 minutes, so a fetch right at the close may miss the close.
#pragma once

#include <chrono>
#include <optional>

#include "host/assets/AssetClass.hpp"
#include "host/calendar/ExchangeCalendar.hpp"

namespace pricefeed::host {

inline constexpr std::chrono::minutes kCloseSettles{20};

bool quote_due(const ExchangeCalendar& calendar, std::chrono::sys_seconds now,
               std::optional<std::chrono::sys_seconds> latest_price_updated, bool trading_hours_only);

// The trading date a quote at `ts` belongs to: crypto and forex by the UTC date (their sources key
// daily bars at UTC midnight), everything else by the exchange's local date.
std::chrono::sys_days quote_trading_date(AssetClass asset_class, const ExchangeCalendar& calendar,
                                         std::chrono::sys_seconds ts);

}  // namespace pricefeed::host
