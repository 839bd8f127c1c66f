#include "yahoo-api/ExchangeTimeZone.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include <date/date.h>

namespace pricefeed::yahoo {

namespace {

std::int64_t midnight_utc_of(date::local_days day) {
  return date::sys_days(day.time_since_epoch()).time_since_epoch() / std::chrono::seconds(1);
}

}  // namespace

ExchangeTimeZone ExchangeTimeZone::resolve(std::string_view zone_name, std::int64_t fallback_offset_seconds) {
  if (!zone_name.empty()) {
    try {
      // locate_zone is safe to call from several threads: the database is built once, zones load lazily
      // under a once-flag, and the returned pointer stays valid for the life of the process.
      return ExchangeTimeZone(date::locate_zone(zone_name), 0);
    } catch (const std::exception&) {
      // An exotic or newly invented name: the fixed offset is still right on most days.
    }
  }
  return ExchangeTimeZone(nullptr, fallback_offset_seconds);
}

std::int64_t ExchangeTimeZone::trading_date_ts(std::int64_t unix_seconds) const {
  const date::sys_seconds instant{std::chrono::seconds(unix_seconds)};
  date::local_seconds local;
  if (zone_ != nullptr) {
    local = zone_->to_local(instant);
  } else {
    local = date::local_seconds(instant.time_since_epoch() + std::chrono::seconds(fixed_offset_seconds_));
  }
  return midnight_utc_of(date::floor<date::days>(local));
}

std::string ExchangeTimeZone::describe() const {
  if (zone_ != nullptr) return std::string(zone_->name());
  const long long minutes = std::llabs(fixed_offset_seconds_) / 60;
  char text[32];
  std::snprintf(text, sizeof text, "UTC%c%02lld:%02lld (fixed)", fixed_offset_seconds_ < 0 ? '-' : '+',
                minutes / 60, minutes % 60);
  return text;
}

std::string iso_date_utc(std::int64_t unix_seconds) {
  const date::sys_seconds instant{std::chrono::seconds(unix_seconds)};
  return date::format("%F", date::floor<date::days>(instant));
}

}  // namespace pricefeed::yahoo
