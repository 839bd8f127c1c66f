#include "host/calendar/Astronomy.hpp"

#include <array>
#include <cmath>
#include <initializer_list>
#include <numbers>

namespace pricefeed::host::astronomy {
namespace {

constexpr double kSecondsPerDay = 86400.0;
constexpr double kJ2000 = 2451545.0;  // 2000-01-01 12:00 TT (Meeus, eq. 21.1)
constexpr double kDaysPerJulianCentury = 36525.0;

double sin_degrees(double degrees) {
  return std::sin(degrees * (std::numbers::pi / 180.0));
}
double cos_degrees(double degrees) {
  return std::cos(degrees * (std::numbers::pi / 180.0));
}

// c0 + c1 t + c2 t^2 + ... by Horner's rule (Meeus, ch. 1).
double polynomial(double t, std::initializer_list<double> coefficients) {
  double sum = 0.0;
  for (auto it = coefficients.end(); it != coefficients.begin();) {
    --it;
    sum = sum * t + *it;
  }
  return sum;
}

double decimal_year_of(double julian_day) {
  return 2000.0 + (julian_day - 2451544.5) / 365.2425;
}

// Bretagnon and Simon's periodic terms for the Sun's longitude as Reingold and Dershowitz give them
// (Calendrical Calculations, 3rd ed., ch. 13, solar-longitude): coefficient x (units of 1e-7 radian,
// hence the factor 0.000005729577951308232 = 1e-7 * 180 / pi below), addend y (degrees) and
// multiplier z (degrees per Julian century) of each term x sin(y + z c).
struct SolarTerm {
  double x, y, z;
};
constexpr std::array<SolarTerm, 49> kSolarTerms{{
    {403406, 270.54861, 0.9287892},
    {195207, 340.19128, 35999.1376958},
    {119433, 63.91854, 35999.4089666},
    {112392, 331.26220, 35998.7287385},
    {3891, 317.843, 71998.20261},
    {2819, 86.631, 71998.4403},
    {1721, 240.052, 36000.35726},
    {660, 310.26, 71997.4812},
    {350, 247.23, 32964.4678},
    {334, 260.87, -19.4410},
    {314, 297.82, 445267.1117},
    {268, 343.14, 45036.8840},
    {242, 166.79, 3.1008},
    {234, 81.53, 22518.4434},
    {158, 3.50, -19.9739},
    {132, 132.75, 65928.9345},
    {129, 182.95, 9038.0293},
    {114, 162.03, 3034.7684},
    {99, 29.8, 33718.148},
    {93, 266.4, 3034.448},
    {86, 249.2, -2280.773},
    {78, 157.6, 29929.992},
    {72, 257.8, 31556.493},
    {68, 185.1, 149.588},
    {64, 69.9, 9037.750},
    {46, 8.0, 107997.405},
    {38, 197.1, -4444.176},
    {37, 250.4, 151.771},
    {32, 65.3, 67555.316},
    {29, 162.7, 31556.080},
    {28, 341.5, -4561.540},
    {27, 291.6, 107996.706},
    {27, 98.5, 1221.655},
    {25, 146.7, 62894.167},
    {24, 110.0, 31437.369},
    {21, 5.2, 14578.298},
    {21, 342.6, -31931.757},
    {20, 230.9, 34777.243},
    {18, 256.1, 1221.999},
    {17, 45.3, 62894.511},
    {14, 242.9, -4442.039},
    {13, 115.2, 107997.909},
    {13, 151.8, 119.066},
    {13, 285.3, 16859.071},
    {12, 53.3, -4.578},
    {10, 126.6, 26895.292},
    {10, 205.7, -39.127},
    {10, 85.9, 12297.536},
    {10, 146.1, 90073.778},
}};

}  // namespace

double julian_day(std::chrono::sys_seconds instant) {
  return kUnixEpochJulianDay + static_cast<double>(instant.time_since_epoch().count()) / kSecondsPerDay;
}

std::chrono::sys_seconds instant_of_julian_day(double julian_day) {
  const double seconds = std::round((julian_day - kUnixEpochJulianDay) * kSecondsPerDay);
  return std::chrono::sys_seconds{std::chrono::seconds{static_cast<long long>(seconds)}};
}

double delta_t_seconds(double y) {
  // Espenak and Meeus's expressions, one per interval, t counted in years from the stated epoch.
  if (y < 1800.0 || y >= 2150.0) {
    const double u = (y - 1820.0) / 100.0;
    return -20.0 + 32.0 * u * u;
  }
  if (y < 1860.0) {
    return polynomial(y - 1800.0, {13.72, -0.332447, 0.0068612, 0.0041116, -0.00037436, 0.0000121272,
                                   -0.0000001699, 0.000000000875});
  }
  if (y < 1900.0) {
    return polynomial(y - 1860.0, {7.62, 0.5737, -0.251754, 0.01680668, -0.0004473624, 1.0 / 233174.0});
  }
  if (y < 1920.0) return polynomial(y - 1900.0, {-2.79, 1.494119, -0.0598939, 0.0061966, -0.000197});
  if (y < 1941.0) return polynomial(y - 1920.0, {21.20, 0.84493, -0.076100, 0.0020936});
  if (y < 1961.0) return polynomial(y - 1950.0, {29.07, 0.407, -1.0 / 233.0, 1.0 / 2547.0});
  if (y < 1986.0) return polynomial(y - 1975.0, {45.45, 1.067, -1.0 / 260.0, -1.0 / 718.0});
  if (y < 2005.0) {
    return polynomial(y - 2000.0, {63.86, 0.3345, -0.060374, 0.0017275, 0.000651814, 0.00002373599});
  }
  if (y < 2050.0) return polynomial(y - 2000.0, {62.92, 0.32217, 0.005589});
  const double u = (y - 1820.0) / 100.0;
  return -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y);
}

double terrestrial_from_universal(double julian_day_ut) {
  return julian_day_ut + delta_t_seconds(decimal_year_of(julian_day_ut)) / kSecondsPerDay;
}

double universal_from_terrestrial(double julian_day_tt) {
  // Delta T changes by well under a millisecond in the minute it shifts the argument.
  return julian_day_tt - delta_t_seconds(decimal_year_of(julian_day_tt)) / kSecondsPerDay;
}

double apparent_solar_longitude(double julian_day_tt) {
  const double c = (julian_day_tt - kJ2000) / kDaysPerJulianCentury;
  double sigma = 0.0;
  for (const SolarTerm& term : kSolarTerms)
    sigma += term.x * sin_degrees(term.y + term.z * c);
  const double longitude = 282.7771834 + 36000.76953744 * c + 0.000005729577951308232 * sigma;
  // Reingold and Dershowitz's aberration and nutation (in longitude), degrees.
  const double aberration = 0.0000974 * cos_degrees(177.63 + 35999.01848 * c) - 0.005575;
  const double a = polynomial(c, {124.90, -1934.134, 0.002063});
  const double b = polynomial(c, {201.11, 72001.5377, 0.00057});
  const double nutation = -0.004778 * sin_degrees(a) - 0.0003667 * sin_degrees(b);
  const double apparent = std::fmod(longitude + aberration + nutation, 360.0);
  return apparent < 0.0 ? apparent + 360.0 : apparent;
}

double solar_longitude_reached(double longitude_degrees, double julian_day_tt_near) {
  // Newton's iteration with the mean rate of the Sun (360 degrees a tropical year; the true rate differs
  // by 3.4 % at most, so each step gains about 1.5 digits).
  constexpr double kTropicalYearDays = 365.2422;
  double day = julian_day_tt_near;
  for (int step = 0; step < 30; ++step) {
    double error = std::fmod(longitude_degrees - apparent_solar_longitude(day), 360.0);
    if (error > 180.0) error -= 360.0;
    if (error <= -180.0) error += 360.0;
    day += error * kTropicalYearDays / 360.0;
    if (std::abs(error) < 1e-7) break;
  }
  return day;
}

double true_new_moon(long lunation) {
  const double k = static_cast<double>(lunation);
  const double t = k / 1236.85;  // eq. 49.3
  // Mean phase, eq. 49.1.
  double jde =
      2451550.09766 + 29.530588861 * k + t * t * polynomial(t, {0.00015437, -0.000000150, 0.00000000073});
  const double e = polynomial(t, {1.0, -0.002516, -0.0000074});                                  // eq. 47.6
  const double m = 2.5534 + 29.10535670 * k + t * t * polynomial(t, {-0.0000014, -0.00000011});  // eq. 49.4
  const double mp =
      201.5643 + 385.81693528 * k + t * t * polynomial(t, {0.0107582, 0.00001238, -0.000000058});  // eq. 49.5
  const double f = 160.7108 + 390.67050284 * k +
                   t * t * polynomial(t, {-0.0016118, -0.00000227, 0.000000011});  // eq. 49.6
  const double omega =
      124.7746 - 1.56375588 * k + t * t * polynomial(t, {0.0020672, 0.00000215});  // eq. 49.7

  // Periodic terms of the new moon (Meeus, p. 351).
  jde += -0.40720 * sin_degrees(mp) + 0.17241 * e * sin_degrees(m) + 0.01608 * sin_degrees(2 * mp) +
         0.01039 * sin_degrees(2 * f) + 0.00739 * e * sin_degrees(mp - m) -
         0.00514 * e * sin_degrees(mp + m) + 0.00208 * e * e * sin_degrees(2 * m) -
         0.00111 * sin_degrees(mp - 2 * f) - 0.00057 * sin_degrees(mp + 2 * f) +
         0.00056 * e * sin_degrees(2 * mp + m) - 0.00042 * sin_degrees(3 * mp) +
         0.00042 * e * sin_degrees(m + 2 * f) + 0.00038 * e * sin_degrees(m - 2 * f) -
         0.00024 * e * sin_degrees(2 * mp - m) - 0.00017 * sin_degrees(omega) -
         0.00007 * sin_degrees(mp + 2 * m) + 0.00004 * sin_degrees(2 * mp - 2 * f) +
         0.00004 * sin_degrees(3 * m) + 0.00003 * sin_degrees(mp + m - 2 * f) +
         0.00003 * sin_degrees(2 * mp + 2 * f) - 0.00003 * sin_degrees(mp + m + 2 * f) +
         0.00003 * sin_degrees(mp - m + 2 * f) - 0.00002 * sin_degrees(mp - m - 2 * f) -
         0.00002 * sin_degrees(3 * mp + m) + 0.00002 * sin_degrees(4 * mp);

  // Additional corrections for all phases: the planetary arguments A1..A14 (Meeus, p. 351-352).
  struct Planetary {
    double coefficient, phase, rate;
  };
  static constexpr std::array<Planetary, 14> kPlanetary{{
      {0.000325, 299.77, 0.107408},  // A1, which also has -0.009173 T^2 (added below)
      {0.000165, 251.88, 0.016321},
      {0.000164, 251.83, 26.651886},
      {0.000126, 349.42, 36.412478},
      {0.000110, 84.66, 18.206239},
      {0.000062, 141.74, 53.303771},
      {0.000060, 207.14, 2.453732},
      {0.000056, 154.84, 7.306860},
      {0.000047, 34.52, 27.261239},
      {0.000042, 207.19, 0.121824},
      {0.000040, 291.34, 1.844379},
      {0.000037, 161.72, 24.198154},
      {0.000035, 239.56, 25.513099},
      {0.000023, 331.55, 3.592518},
  }};
  for (std::size_t i = 0; i < kPlanetary.size(); ++i) {
    double argument = kPlanetary[i].phase + kPlanetary[i].rate * k;
    if (i == 0) argument -= 0.009173 * t * t;
    jde += kPlanetary[i].coefficient * sin_degrees(argument);
  }
  return jde;
}

long lunation_at_or_before(double julian_day_tt) {
  // The true new moon is within about 14 hours of the mean one (eq. 49.1), so one step either way
  // corrects the estimate.
  long k = static_cast<long>(std::floor((julian_day_tt - 2451550.09766) / 29.530588861));
  while (true_new_moon(k) > julian_day_tt)
    --k;
  while (true_new_moon(k + 1) <= julian_day_tt)
    ++k;
  return k;
}

}  // namespace pricefeed::host::astronomy
