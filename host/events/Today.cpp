#include "host/events/Today.hpp"

#include <chrono>

namespace pricefeed::host {

date::sys_days utc_today() {
  return date::floor<date::days>(std::chrono::system_clock::now());
}

}  // namespace pricefeed::host
