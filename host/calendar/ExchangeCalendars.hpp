// Every trading calendar of config/exchanges.toml, and how an asset finds its own: by the exchange
// name or code its source reported (directly or through an alias, ignoring case and surrounding
// blanks), else by its asset class's default calendar.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "host/assets/AssetClass.hpp"
#include "host/calendar/ExchangeCalendar.hpp"

namespace pricefeed::host {

class ExchangeCalendars {
 public:
  // `aliases`: exchange name or code -> calendar name; `class_defaults`: asset class (every one of
  // kAssetClasses) -> calendar name. Throws std::invalid_argument for two calendars or aliases that
  // read the same, an alias or default naming no calendar, or a class without a default.
  ExchangeCalendars(std::vector<ExchangeCalendar> calendars,
                    const std::map<std::string, std::string>& aliases,
                    const std::map<AssetClass, std::string>& class_defaults);

  // The calendar named `exchange` or aliased to it; nullptr when there is none (or `exchange` is empty).
  const ExchangeCalendar* for_exchange(std::string_view exchange) const;

  // The default calendar of `asset_class`.
  const ExchangeCalendar& for_asset_class(AssetClass asset_class) const;

  // The calendar of an asset: its exchange's when known, else its class's default.
  const ExchangeCalendar& for_asset(AssetClass asset_class, std::string_view exchange) const;

  // In the order of the file.
  const std::vector<ExchangeCalendar>& calendars() const { return calendars_; }

  // How names and aliases are compared: blanks around trimmed, ASCII letters upper-cased.
  static std::string lookup_key(std::string_view exchange);

 private:
  std::vector<ExchangeCalendar> calendars_;
  std::map<std::string, std::size_t, std::less<>> by_key_;  // lookup_key -> calendars_ index
  std::map<AssetClass, std::size_t> class_defaults_;        // asset class -> calendars_ index
};

}  // namespace pricefeed::host
