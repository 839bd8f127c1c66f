#pragma once
#include <chrono>
namespace pricefeed::host {
std::chrono::sys_days chinese_lunar_date(int gregorian_year, unsigned lunar_month, unsigned lunar_day);
}
