#include "host/calendar/SolarTerms.hpp"

#include <stdexcept>
#include <string>

#include "host/calendar/Astronomy.hpp"

namespace pricefeed::host {

std::chrono::sys_seconds solar_longitude_instant(int year, int longitude_degrees) {
  if (longitude_degrees < 0 || longitude_degrees > 345 || longitude_degrees % 15 != 0) {
    throw std::out_of_range("solar longitude " + std::to_string(longitude_degrees) +
                            " is not a multiple of 15 degrees in 0..345");
  }
  if (year < 1900 || year > 2200) {
    throw std::out_of_range("year " + std::to_string(year) + " is outside 1900..2200");
  }
  using namespace std::chrono;
  // First guess: the mean Sun, from 20 March; longitudes past 270 are reached early in the year.
  constexpr double kTropicalYearDays = 365.2422;
  double guess = astronomy::julian_day(sys_days{std::chrono::year{year} / March / 20}) +
                 longitude_degrees / 360.0 * kTropicalYearDays;
  if (longitude_degrees > 270) guess -= kTropicalYearDays;
  const double reached =
      astronomy::solar_longitude_reached(longitude_degrees, astronomy::terrestrial_from_universal(guess));
  return astronomy::instant_of_julian_day(astronomy::universal_from_terrestrial(reached));
}

std::chrono::sys_days solar_term_date(int year, int longitude_degrees, std::chrono::minutes utc_offset) {
  return std::chrono::floor<std::chrono::days>(solar_longitude_instant(year, longitude_degrees) + utc_offset);
}

}  // namespace pricefeed::host
