#pragma once
#include <chrono>
namespace pricefeed::host {
std::chrono::sys_days solar_term_date(int year, int longitude_degrees, std::chrono::minutes utc_offset);
}
