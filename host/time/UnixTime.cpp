#include "host/time/UnixTime.hpp"

namespace pricefeed::host {

std::int64_t unix_seconds(std::chrono::sys_days date) {
  return std::chrono::duration_cast<std::chrono::seconds>(date.time_since_epoch()).count();
}

std::chrono::sys_days utc_date(std::int64_t unix_seconds) {
  return std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}});
}

}  // namespace pricefeed::host
