// Prints every TARGET business day from 1999-01-04 (TARGET's first day) to 2100-12-31, one
// YYYY-MM-DD a line: the reference for pricefeed's TARGET2 calendar (euro reference rates are
// published on TARGET days), stored as tests/fixtures/calendars/target2-days.txt.gz.
//
// QuantLib's TARGET calendar (ql/time/calendars/target.cpp) is the independent source: weekends,
// 1 Jan, 25 Dec; since 2000 also Good Friday, Easter Monday, 1 May and 26 Dec; 31 Dec in 1998,
// 1999 and 2001. Not built by CMake; by hand (see tests/fixtures/calendars/README.md):
//   g++ -std=c++17 -O1 tools/calendar-reference/target2_days.cpp -lQuantLib -o /tmp/target2_days
//   /tmp/target2_days | gzip -n -9 > tests/fixtures/calendars/target2-days.txt.gz
#include <ql/time/calendars/target.hpp>
#include <ql/time/date.hpp>

#include <cstdio>

int main() {
  const QuantLib::Calendar target = QuantLib::TARGET();
  const QuantLib::Date last(31, QuantLib::December, 2100);
  for (QuantLib::Date day(4, QuantLib::January, 1999); day <= last; ++day) {
    if (target.isBusinessDay(day)) {
      std::printf("%04d-%02d-%02d\n", day.year(), static_cast<int>(day.month()), day.dayOfMonth());
    }
  }
  return 0;
}
