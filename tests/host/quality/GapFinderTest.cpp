// Which missing days are gaps: the asset's calendar decides (weekends and exchange holidays are not,
// crypto trades every day, forex history follows the ECB's working days), today and unsettled days
// are not yet, and one range is recorded once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/host/quality/StoredHistory.hpp"

namespace pricefeed::host::quality_test {
namespace {

using calendar_test::utc_time;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

bool is_weekday(sys_days d) {
  const std::chrono::weekday w{d};
  return w != Saturday && w != Sunday;
}

using GapFinderTest = StoredHistoryTest;

TEST_F(GapFinderTest, StockWeekendsAndNyseHolidaysAreNotGaps) {
  const auto aapl = insert_asset("AAPL", "stock", "NMS");
  // Every weekday of Nov-Dec 2026 but Thanksgiving (26 Nov) and Christmas (25 Dec), when NYSE is closed.
  store(aapl, day("2026-11-02"), day("2026-12-31"), "yahoo",
        [](sys_days d) { return is_weekday(d) && d != day("2026-11-26") && d != day("2026-12-25"); });

  EXPECT_THAT(
      finder.record_gaps(*sql, aapl, day("2026-11-02"), day("2026-12-31"), utc_time(2027y / 1 / 5, 12, 0)),
      IsEmpty());
  EXPECT_THAT(gaps(aapl), IsEmpty());
}

TEST_F(GapFinderTest, MissingDaysAroundAHolidayAreOneGap) {
  const auto aapl = insert_asset("AAPL", "stock", "NMS");
  store_trading_days(aapl, "stock", "NMS", day("2026-11-02"), day("2026-12-31"), "yahoo",
                     {day("2026-11-25"), day("2026-11-27"), day("2026-12-10")});

  const auto ids =
      finder.record_gaps(*sql, aapl, day("2026-11-02"), day("2026-12-31"), utc_time(2027y / 1 / 5, 12, 0));

  EXPECT_EQ(ids.size(), 2u);
  const auto found = gaps(aapl);
  ASSERT_EQ(found.size(), 2u);
  // Wednesday and Friday around Thanksgiving: nothing stored between them, so one range.
  EXPECT_EQ(found[0].start_date, "2026-11-25");
  EXPECT_EQ(found[0].end_date, "2026-11-27");
  EXPECT_EQ(found[0].status, "open");
  EXPECT_THAT(found[0].reason, HasSubstr("2 trading days of the NASDAQ calendar"));
  EXPECT_EQ(found[1].start_date, "2026-12-10");
  EXPECT_EQ(found[1].end_date, "2026-12-10");
}

TEST_F(GapFinderTest, FuturesUsHolidaySessionsHaveNoDailyBarSoTheyAreNotGaps) {
  const auto gold = insert_asset("GC=F", "commodity", "CMX");
  // Every weekday of January 2026 but New Year's Day (a CME holiday) and Martin Luther King Day
  // (19 Jan: CME trades until 13:30, but that session settles with the 20th), and the 22nd.
  store(gold, day("2026-01-02"), day("2026-01-30"), "commodities",
        [](sys_days d) { return is_weekday(d) && d != day("2026-01-19") && d != day("2026-01-22"); });

  finder.record_gaps(*sql, gold, day("2026-01-02"), day("2026-01-30"), utc_time(2026y / 2 / 5, 12, 0));
  const auto found = gaps(gold);
  ASSERT_EQ(found.size(), 1u) << "only the 22nd is missing";
  EXPECT_EQ(found[0].start_date, "2026-01-22");
  EXPECT_EQ(found[0].end_date, "2026-01-22");
}

TEST_F(GapFinderTest, CryptoTradesEveryDaySoAMissingWeekendIsAGap) {
  const auto btc = insert_asset("BTC", "crypto");
  store(btc, day("2026-03-01"), day("2026-03-31"), "binance",
        [](sys_days d) { return d != day("2026-03-07") && d != day("2026-03-08"); });

  finder.record_gaps(*sql, btc, day("2026-03-01"), day("2026-03-31"), utc_time(2026y / 4 / 10, 0, 0));

  const auto found = gaps(btc);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].start_date, "2026-03-07");
  EXPECT_EQ(found[0].end_date, "2026-03-08");
}

TEST_F(GapFinderTest, ForexFollowsTheEcbWorkingDays) {
  const auto eur = insert_asset("EURUSD", "forex", "CCY");
  // Weekdays without the TARGET2 closing days: Christmas 2026 (26 Dec is a Saturday), New Year 2027,
  // Good Friday and Easter Monday 2026, on which the ECB publishes no reference rates.
  store(eur, day("2026-03-30"), day("2027-01-08"), "forex", [](sys_days d) {
    return is_weekday(d) && d != day("2026-12-25") && d != day("2027-01-01") && d != day("2026-04-03") &&
           d != day("2026-04-06") && d != day("2026-05-01");
  });

  EXPECT_THAT(
      finder.record_gaps(*sql, eur, day("2026-03-30"), day("2027-01-08"), utc_time(2027y / 1 / 20, 0, 0)),
      IsEmpty());
  EXPECT_EQ(finder.calendar_for(AssetClass::forex, "CCY").name(), "TARGET2");
}

TEST_F(GapFinderTest, ForexWorkingDayWithoutARateIsAGap) {
  const auto eur = insert_asset("EURUSD", "forex", "CCY");
  store(eur, day("2026-12-01"), day("2027-01-08"), "forex", [](sys_days d) {
    return is_weekday(d) && d != day("2026-12-24") && d != day("2026-12-25") && d != day("2027-01-01");
  });

  finder.record_gaps(*sql, eur, day("2026-12-01"), day("2027-01-08"), utc_time(2027y / 1 / 20, 0, 0));

  const auto found = gaps(eur);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].start_date, "2026-12-24");
  EXPECT_EQ(found[0].end_date, "2026-12-24");
  EXPECT_THAT(found[0].reason, HasSubstr("TARGET2 calendar"));
}

TEST_F(GapFinderTest, TodayIsNotAGapUntilItHasEnded) {
  const auto btc = insert_asset("BTC", "crypto");
  store(btc, day("2026-03-01"), day("2026-03-09"), "binance", [](sys_days) { return true; });

  EXPECT_THAT(finder.record_all_gaps(*sql, btc, utc_time(2026y / 3 / 10, 23, 59)), IsEmpty());

  finder.record_all_gaps(*sql, btc, utc_time(2026y / 3 / 11, 0, 30));
  const auto found = gaps(btc);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].start_date, "2026-03-10");
  EXPECT_EQ(found[0].end_date, "2026-03-10");
}

TEST_F(GapFinderTest, StockTodayAfterTheCloseIsNotAGapYet) {
  const auto aapl = insert_asset("AAPL", "stock", "NMS");
  store_trading_days(aapl, "stock", "NMS", day("2026-03-02"), day("2026-03-06"), "yahoo");

  // Monday 9 March 2026, 20:30 UTC: NYSE closed at 16:00 New York, but the day has not settled.
  EXPECT_THAT(finder.record_all_gaps(*sql, aapl, utc_time(2026y / 3 / 9, 20, 30)), IsEmpty());
}

TEST_F(GapFinderTest, CoinGeckoYesterdayIsNotAGapUntilTheNextDayBegan) {
  const auto coin = insert_asset("PEPE", "crypto");
  store(coin, day("2026-03-01"), day("2026-03-09"), "coingecko", [](sys_days) { return true; });

  // 11 March: CoinGecko's bar of 10 March comes from its 00:00 point of 11 March, not final yet.
  EXPECT_THAT(finder.record_all_gaps(*sql, coin, utc_time(2026y / 3 / 11, 0, 30)), IsEmpty());

  finder.record_all_gaps(*sql, coin, utc_time(2026y / 3 / 12, 0, 30));
  const auto found = gaps(coin);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].start_date, "2026-03-10");
  EXPECT_EQ(found[0].end_date, "2026-03-10");
}

TEST_F(GapFinderTest, DaysBeforeTheFirstStoredBarAreNotGaps) {
  const auto btc = insert_asset("NEW", "crypto");
  store(btc, day("2026-03-05"), day("2026-03-09"), "binance", [](sys_days) { return true; });

  EXPECT_THAT(
      finder.record_gaps(*sql, btc, day("2026-01-01"), day("2026-03-09"), utc_time(2026y / 3 / 10, 12, 0)),
      IsEmpty());
}

TEST_F(GapFinderTest, AGapIsRecordedOnce) {
  const auto btc = insert_asset("BTC", "crypto");
  store(btc, day("2026-03-01"), day("2026-03-31"), "binance",
        [](sys_days d) { return d != day("2026-03-15"); });

  EXPECT_EQ(finder.record_all_gaps(*sql, btc, utc_time(2026y / 4 / 1, 12, 0)).size(), 1u);
  EXPECT_THAT(finder.record_all_gaps(*sql, btc, utc_time(2026y / 4 / 1, 12, 0)), IsEmpty());
  EXPECT_EQ(gaps(btc).size(), 1u);
}

TEST_F(GapFinderTest, AnAssetWithoutHistoryHasNoGaps) {
  const auto btc = insert_asset("BTC", "crypto");
  EXPECT_THAT(finder.record_all_gaps(*sql, btc, utc_time(2026y / 4 / 1, 12, 0)), IsEmpty());
}

TEST_F(GapFinderTest, AnUnknownAssetIsRefusedByItsId) {
  EXPECT_THROW(
      {
        try {
          finder.record_all_gaps(*sql, 424242, utc_time(2026y / 4 / 10, 0, 0));
        } catch (const std::invalid_argument& e) {
          EXPECT_THAT(e.what(), HasSubstr("424242"));
          throw;
        }
      },
      std::invalid_argument);
}

TEST(GapFinderConfigTest, AForexCalendarThatDoesNotExistIsRefused) {
  QualityConfig quality;
  quality.forex_calendar = "TARGET3";
  try {
    GapFinder finder(calendar_test::shipped_calendars(), quality);
    FAIL() << "accepted an unknown calendar";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("quality.forex_calendar: \"TARGET3\""));
  }
}

TEST(MissingTradingDaysTest, KnownGapsAndStoredDaysEndARange) {
  const ExchangeCalendar& crypto = calendar_test::shipped_calendar("CRYPTO");
  const std::set<sys_days> stored{day("2026-03-03")};
  const std::vector<DateRange> known{{day("2026-03-05"), day("2026-03-06")}};

  EXPECT_THAT(missing_trading_days(crypto, day("2026-03-01"), day("2026-03-08"), stored, known),
              ElementsAre(DateRange{day("2026-03-01"), day("2026-03-02")},
                          DateRange{day("2026-03-04"), day("2026-03-04")},
                          DateRange{day("2026-03-07"), day("2026-03-08")}));
}

}  // namespace
}  // namespace pricefeed::host::quality_test
