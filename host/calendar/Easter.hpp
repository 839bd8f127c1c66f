// Easter Sunday of the Gregorian calendar, which Good Friday, Easter Monday, Ascension and Whit Monday
// follow.
#pragma once

#include <chrono>

namespace pricefeed::host {

// The anonymous Gregorian computus (Meeus, Astronomical Algorithms, 2nd ed., chapter 8), valid for
// every Gregorian year.
std::chrono::sys_days easter_sunday(int year);

}  // namespace pricefeed::host
