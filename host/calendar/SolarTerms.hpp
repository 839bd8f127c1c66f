// The 24 solar terms: the instants the Sun's apparent geocentric ecliptic longitude reaches a multiple
// of 15 degrees (0 = the March equinox, 15 = Qingming, 90 = the June solstice, 180 = the September
// equinox, 270 = the December solstice), and their local dates. Japan's Vernal and Autumnal Equinox
// Days are the dates of 0 and 180 in Japan Standard Time (UTC+9); Hong Kong's Ching Ming Festival is
// the date of 15 in Hong Kong time (UTC+8).
//
// Computed, not tabulated: the Sun's longitude from Bretagnon and Simon's series with nutation and
// aberration (host/calendar/Astronomy.hpp), solved for the instant, with Delta T from Espenak and
// Meeus. The instant is right to within about a minute (12 to 29 s early on average against a
// VSOP87 ephemeris), plus, after about 2030, the uncertainty of the future Delta T
// (docs/calendars.md, "Lunisolar holidays and equinoxes"). Thread-safe, no state.
#pragma once

#include <chrono>

namespace pricefeed::host {

// The UTC instant, in Gregorian `year`, when the Sun's apparent longitude reaches
// `longitude_degrees` (0, 15, ..., 345). Longitudes 285..345 (January to early March) are those
// of the start of `year`, like the others. Throws std::out_of_range for a longitude that is not a
// multiple of 15 in 0..345 or a year outside 1900..2200.
std::chrono::sys_seconds solar_longitude_instant(int year, int longitude_degrees);

// The local date of that instant at a fixed UTC offset (+9 h for Japan, +8 h for Hong Kong and China).
std::chrono::sys_days solar_term_date(int year, int longitude_degrees, std::chrono::minutes utc_offset);

}  // namespace pricefeed::host
