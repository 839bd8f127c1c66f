// The few astronomical quantities the lunisolar holidays and the equinoxes need (SolarTerms.hpp,
// ChineseLunarCalendar.hpp): Julian days, Delta T, the Sun's apparent longitude and the true new moon.
// Each function names the published formulae it evaluates; none reads a table at run time, keeps
// state or allocates, so all are safe from any thread. docs/calendars.md, "Lunisolar holidays and
// equinoxes", gives their accuracy and how they are checked.
#pragma once

#include <chrono>

namespace pricefeed::host::astronomy {

// Julian day of 1970-01-01 00:00 UTC (Meeus, Astronomical Algorithms, 2nd ed., ch. 7).
inline constexpr double kUnixEpochJulianDay = 2440587.5;

// Julian day (a real number of days; UT when `instant` is read as UT) of an instant, and back,
// rounded to the nearest second. UTC is taken for UT1: they differ by less than 0.9 s.
double julian_day(std::chrono::sys_seconds instant);
std::chrono::sys_seconds instant_of_julian_day(double julian_day);

// Delta T = TT - UT in seconds at a decimal year (2000.0 = 2000-01-01), from the polynomial
// expressions of Espenak and Meeus, "Five Millennium Canon of Solar Eclipses: -1999 to +3000"
// (NASA TP-2006-214141; also NASA's page "Polynomial Expressions for Delta T"), for 1800..2150, and
// their long-term parabola -20 + 32 u^2 outside. About 57 s in 1990, 64 s in 2000, 69 s in 2020
// (measured); later values are their extrapolation (74 s in 2025 where 69 s was measured, 93 s in
// 2050, 203 s in 2100): the future rotation of the Earth cannot be predicted better.
double delta_t_seconds(double decimal_year);

// TT Julian day of a UT Julian day and back (adding, or removing, Delta T).
double terrestrial_from_universal(double julian_day_ut);
double universal_from_terrestrial(double julian_day_tt);

// The Sun's apparent geocentric ecliptic longitude, degrees in [0, 360), of the equinox of date, at a
// TT Julian day. The series of Bretagnon and Simon, "Planetary Programs and Tables from -4000 to
// +2800" (1986), as given with its nutation and aberration terms in Reingold and Dershowitz,
// "Calendrical Calculations" (3rd ed., 2008), chapter 13 "Time and Astronomy", functions
// solar-longitude, nutation and aberration (its 49 periodic terms, their coefficients, addends and
// multipliers). Compared with a VSOP87 ephemeris it is 0.0002 degrees behind on average (the Sun's
// motion in ~20 s) and 0.0007 degrees (~60 s) at most over 1900..2200 (docs/calendars.md).
double apparent_solar_longitude(double julian_day_tt);

// The TT Julian day when the Sun's apparent longitude reaches `longitude_degrees`, the one of that
// longitude's passages nearest `julian_day_tt_near` (a guess within a few months). Newton's method on
// apparent_solar_longitude, to 1e-7 degrees (0.01 s).
double solar_longitude_reached(double longitude_degrees, double julian_day_tt_near);

// The TT Julian day of the true (geocentric) new moon of lunation `k` (k = 0: 2000-01-06; k counts
// new moons, negative before), by Meeus, Astronomical Algorithms, 2nd ed., ch. 49: the mean phase
// (eq. 49.1), the arguments E, M, M', F, Omega (eqs. 47.6, 49.4-49.7), the periodic terms for the
// new moon and the 14 planetary arguments A1..A14. Meeus gives its error against the ELP-2000/82
// theory as 17.4 s at most, 3.7 s on average (1980-2020).
double true_new_moon(long lunation);

// The lunation whose new moon is the last at or before a TT Julian day.
long lunation_at_or_before(double julian_day_tt);

}  // namespace pricefeed::host::astronomy
