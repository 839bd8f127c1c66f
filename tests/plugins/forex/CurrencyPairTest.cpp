// Forex symbols, the dates rates are keyed by, and the arithmetic of crosses from euro rates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pricefeed/error.hpp>

#include "forex/CurrencyPair.hpp"
#include "forex/EuroCrossRates.hpp"
#include "forex/ForexDate.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::forex {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CurrencyPair, SixCapitalsAreBaseThenQuote) {
  const CurrencyPair pair = parse_currency_pair("EURUSD");
  EXPECT_EQ(pair.base, "EUR");
  EXPECT_EQ(pair.quote, "USD");
  EXPECT_EQ(pair.symbol(), "EURUSD");
  EXPECT_EQ(pair.slashed(), "EUR/USD");
}

TEST(CurrencyPair, AnythingElseIsNotFoundNamingTheId) {
  for (const char* id : {"EURUS", "EURUSDX", "eurusd", "EUR/USD", "EURUSD=X", "EU1USD", "", "EUR%2FUSD"}) {
    try {
      parse_currency_pair(id);
      ADD_FAILURE() << id << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), Status::not_found) << id;
      EXPECT_THAT(e.what(), HasSubstr("'" + std::string(id) + "' is not a currency pair")) << id;
    }
  }
}

TEST(CurrencyPair, ACurrencyAgainstItselfIsNotFound) {
  try {
    parse_currency_pair("EUREUR");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::not_found);
    EXPECT_THAT(e.what(), HasSubstr("against itself"));
  }
}

TEST(CurrencyPair, EuroLegsAreTheNonEuroCurrencies) {
  EXPECT_THAT(euro_legs(parse_currency_pair("EURUSD")), ElementsAre("USD"));
  EXPECT_THAT(euro_legs(parse_currency_pair("USDEUR")), ElementsAre("USD"));
  EXPECT_THAT(euro_legs(parse_currency_pair("GBPUSD")), ElementsAre("GBP", "USD"));
}

TEST(ForexDate, IsoDatesRoundTripAndRefuseImpossibleDates) {
  using plugins::test::utc_midnight;
  EXPECT_EQ(parse_iso_date("1999-01-04"), kEuroFirstDay);
  EXPECT_EQ(midnight_of(kEuroFirstDay), utc_midnight(1999, 1, 4));
  EXPECT_EQ(iso_date(*parse_iso_date("2024-02-29")), "2024-02-29");
  for (const char* bad :
       {"2023-02-29", "2024-13-01", "2024-1-02", "2024/01/02", "20240102", "2024-01-02T00"}) {
    EXPECT_FALSE(parse_iso_date(bad).has_value()) << bad;
  }
}

TEST(ForexDate, DaysOfInstants) {
  using plugins::test::utc_midnight;
  const std::int64_t midnight = utc_midnight(2024, 1, 2);
  EXPECT_EQ(day_containing(midnight), day_containing(midnight + 86399));
  EXPECT_EQ(first_midnight_at_or_after(midnight), day_containing(midnight));
  EXPECT_EQ(first_midnight_at_or_after(midnight + 1), day_containing(midnight) + 1);
  EXPECT_EQ(day_containing(-1), -1);  // before 1970, floored
}

TEST(EuroCrossRates, EuroPairsInversesAndCrossesOnCommonDays) {
  const EuroRates euro{{"USD", {{1, 1.10}, {2, 1.20}, {4, 1.25}}},
                       {"GBP", {{1, 0.88}, {3, 0.86}, {4, 0.85}}}};
  EXPECT_EQ(pair_series(parse_currency_pair("EURUSD"), euro), (RateSeries{{1, 1.10}, {2, 1.20}, {4, 1.25}}));
  const RateSeries usdeur = pair_series(parse_currency_pair("USDEUR"), euro);
  ASSERT_EQ(usdeur.size(), 3u);
  EXPECT_DOUBLE_EQ(usdeur[1].value, 1 / 1.20);
  const RateSeries gbpusd = pair_series(parse_currency_pair("GBPUSD"), euro);
  ASSERT_EQ(gbpusd.size(), 2u);  // days 1 and 4: the days both legs have
  EXPECT_EQ(gbpusd[0].day, 1);
  EXPECT_DOUBLE_EQ(gbpusd[0].value, 1.10 / 0.88);
  EXPECT_EQ(gbpusd[1].day, 4);
  EXPECT_DOUBLE_EQ(gbpusd[1].value, 1.25 / 0.85);
  EXPECT_TRUE(pair_series(parse_currency_pair("JPYUSD"), euro).empty()) << "a leg without a series";
}

}  // namespace
}  // namespace pricefeed::forex
