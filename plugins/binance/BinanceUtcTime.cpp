#include "binance/BinanceUtcTime.hpp"

#include <chrono>
#include <cstdio>

namespace pricefeed::binance {

namespace {

struct Civil {
  int year;
  unsigned month, day;
  std::int64_t seconds_of_day;
};

Civil civil(std::int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_seconds t{seconds{unix_seconds}};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
          (t - day).count()};
}

}  // namespace

std::string utc_date(std::int64_t unix_seconds) {
  const Civil c = civil(unix_seconds);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", c.year, c.month, c.day);
  return text;
}

std::string utc_minute(std::int64_t unix_seconds) {
  const Civil c = civil(unix_seconds);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d UTC", c.year, c.month, c.day,
                static_cast<int>(c.seconds_of_day / 3600), static_cast<int>(c.seconds_of_day / 60 % 60));
  return text;
}

}  // namespace pricefeed::binance
