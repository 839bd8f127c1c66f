#include "host/calendar/ExchangeCalendars.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace pricefeed::host {

std::string ExchangeCalendars::lookup_key(std::string_view exchange) {
  const auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!exchange.empty() && is_blank(exchange.front()))
    exchange.remove_prefix(1);
  while (!exchange.empty() && is_blank(exchange.back()))
    exchange.remove_suffix(1);
  std::string key(exchange);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
  return key;
}

ExchangeCalendars::ExchangeCalendars(std::vector<ExchangeCalendar> calendars,
                                     const std::map<std::string, std::string>& aliases,
                                     const std::map<AssetClass, std::string>& class_defaults)
    : calendars_(std::move(calendars)) {
  for (std::size_t i = 0; i < calendars_.size(); ++i) {
    if (!by_key_.emplace(lookup_key(calendars_[i].name()), i).second) {
      throw std::invalid_argument("two exchange calendars are named " + calendars_[i].name());
    }
  }
  const auto calendar_index = [&](const std::string& calendar, const std::string& user) {
    const auto found = by_key_.find(lookup_key(calendar));
    if (found == by_key_.end() || calendars_[found->second].name() != calendar) {
      throw std::invalid_argument(user + " names calendar \"" + calendar + "\", which does not exist");
    }
    return found->second;
  };
  for (const auto& [alias, calendar] : aliases) {
    const std::size_t index = calendar_index(calendar, "alias \"" + alias + "\"");
    const std::string key = lookup_key(alias);
    if (key.empty()) throw std::invalid_argument("an alias is empty");
    const auto [existing, inserted] = by_key_.emplace(key, index);
    if (!inserted && existing->second != index) {
      throw std::invalid_argument("alias \"" + alias + "\" names calendar " + calendar + ", but \"" + key +
                                  "\" already means " + calendars_[existing->second].name());
    }
  }
  for (const auto& [asset_class, calendar] : class_defaults) {
    class_defaults_.emplace(
        asset_class,
        calendar_index(calendar, "the default of class " + std::string(asset_class_name(asset_class))));
  }
  for (const AssetClass asset_class : kAssetClasses) {
    if (!class_defaults_.contains(asset_class)) {
      throw std::invalid_argument("asset class " + std::string(asset_class_name(asset_class)) +
                                  " has no default calendar");
    }
  }
}

const ExchangeCalendar* ExchangeCalendars::for_exchange(std::string_view exchange) const {
  const auto found = by_key_.find(lookup_key(exchange));
  return found == by_key_.end() ? nullptr : &calendars_[found->second];
}

const ExchangeCalendar& ExchangeCalendars::for_asset_class(AssetClass asset_class) const {
  // The constructor saw to it that every class has its default.
  return calendars_[class_defaults_.at(asset_class)];
}

const ExchangeCalendar& ExchangeCalendars::for_asset(AssetClass asset_class,
                                                     std::string_view exchange) const {
  if (const ExchangeCalendar* calendar = for_exchange(exchange)) return *calendar;
  return for_asset_class(asset_class);
}

}  // namespace pricefeed::host
