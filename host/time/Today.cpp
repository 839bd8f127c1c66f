#include "host/time/Today.hpp"

namespace pricefeed::host {

std::chrono::sys_days utc_today() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

}  // namespace pricefeed::host
