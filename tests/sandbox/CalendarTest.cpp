#include <gtest/gtest.h>

#include "tests/sandbox/Calendar.hpp"
#include "tests/sandbox/PriceModel.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using testing::day;
using namespace std::chrono;

TEST(CalendarTest, NyseHolidaysFollowTheExchangeRules) {
  for (const char* h : {"2020-01-01", "2020-01-20", "2020-02-17", "2020-04-10", "2020-05-25", "2020-07-03",
                        "2020-09-07", "2020-11-26", "2020-12-25", "2021-12-24", "2022-01-17", "2022-06-20",
                        "2023-01-02", "2025-01-09", "2012-10-29"}) {
    EXPECT_TRUE(is_nyse_holiday(day(h))) << h;
  }
  for (const char* d : {"2021-12-31", "2020-01-02", "2021-06-18", "2020-11-27", "2022-12-23"}) {
    EXPECT_FALSE(is_nyse_holiday(day(d))) << d;
  }
}

TEST(CalendarTest, LondonClosesOnBankHolidays) {
  for (const char* h : {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30",
                        "2021-12-27", "2021-12-28"}) {
    EXPECT_TRUE(is_lse_holiday(day(h))) << h;
  }
  EXPECT_FALSE(is_lse_holiday(day("2021-12-29")));
}

TEST(CalendarTest, EasterSundayIsComputed) {
  EXPECT_EQ(easter_sunday(2020), day("2020-04-12"));
  EXPECT_EQ(easter_sunday(2024), day("2024-03-31"));
  EXPECT_EQ(easter_sunday(2025), day("2025-04-20"));
}

TEST(CalendarTest, EquitySessionOpensAt0930NewYorkWhateverTheDst) {
  Instruments instruments;
  Session s = instruments.find("AAPL")->session;
  EXPECT_EQ(session_open(s, day("2020-03-06")),
            sys_seconds{sys_days{day("2020-03-06")}} + hours{14} + minutes{30});
  EXPECT_EQ(session_open(s, day("2020-03-09")),
            sys_seconds{sys_days{day("2020-03-09")}} + hours{13} + minutes{30});
  EXPECT_EQ(session_minutes(s, day("2020-11-27")), 210);  // day after Thanksgiving closes at 13:00
  EXPECT_EQ(session_minutes(s, day("2020-11-30")), 390);
}

TEST(CalendarTest, EquitiesHaveNoWeekendBarsAndAreStampedAtTheOpen) {
  Instruments instruments;
  PriceModel model;
  auto bars = model.daily_bars(*instruments.find("MSFT"), day("2019-01-01"), day("2024-12-31"),
                               *parse_instant("2025-02-20T15:00:00Z"));
  ASSERT_GT(bars.size(), 1500u);
  for (const Bar& b : bars) {
    weekday wd{b.day};
    ASSERT_TRUE(wd != Saturday && wd != Sunday) << iso_date(b.day);
    auto utc = b.ts - sys_seconds{b.day};
    ASSERT_TRUE(utc == hours{13} + minutes{30} || utc == hours{14} + minutes{30}) << iso_date(b.day);
    EXPECT_EQ(b.ts, session_open(instruments.find("MSFT")->session, b.day));
  }
}

TEST(CalendarTest, CryptoTradesEveryDayAndForexOnWeekdays) {
  Instruments instruments;
  PriceModel model;
  const auto now = *parse_instant("2025-02-20T15:00:00Z");
  auto btc = model.daily_bars(*instruments.find("BTC-USD"), day("2024-01-01"), day("2024-12-31"), now);
  EXPECT_EQ(btc.size(), 366u);
  auto eur = model.daily_bars(*instruments.find("EURUSD=X"), day("2024-01-01"), day("2024-12-31"), now);
  EXPECT_EQ(eur.size(), 262u);
  for (const Bar& b : eur)
    EXPECT_EQ(b.ts, sys_seconds{b.day});  // 00:00 UTC
}

TEST(CalendarTest, TargetClosesOnWeekendsNewYearEasterLabourDayAndChristmas) {
  for (const char* closed : {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-01", "2024-12-25", "2024-12-26",
                             "2025-04-18", "2025-04-21", "2024-03-30", "2024-03-31"}) {
    EXPECT_FALSE(is_trading_day(CalendarKind::target, day(closed))) << closed;
  }
  for (const char* open : {"2024-01-02", "2024-03-28", "2024-04-02", "2024-05-02", "2024-12-24", "2024-12-27",
                           "2024-12-31"}) {
    EXPECT_TRUE(is_trading_day(CalendarKind::target, day(open))) << open;
  }
  // 256 TARGET days in 2024: 262 weekdays less 1 Jan, Good Friday, Easter Monday, 1 May, 25 and 26 Dec.
  int days_open = 0;
  for (sys_days d = day("2024-01-01"); d <= day("2024-12-31"); d += days{1})
    days_open += is_trading_day(CalendarKind::target, d) ? 1 : 0;
  EXPECT_EQ(days_open, 256);
}

}  // namespace
}  // namespace pricefeed::sandbox
