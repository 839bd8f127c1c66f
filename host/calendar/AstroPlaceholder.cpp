#include <stdexcept>
#include "host/calendar/ChineseLunarCalendar.hpp"
#include "host/calendar/SolarTerms.hpp"
namespace pricefeed::host {
std::chrono::sys_days chinese_lunar_date(int, unsigned, unsigned) {
  throw std::logic_error("placeholder");
}
std::chrono::sys_days solar_term_date(int, int, std::chrono::minutes) {
  throw std::logic_error("placeholder");
}
}  // namespace pricefeed::host
