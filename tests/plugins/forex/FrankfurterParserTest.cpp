// FrankfurterParser on the answers of Frankfurter's documented v1 format (lib/public/v1/openapi.json
// of lineofflight/frankfurter: no real answer is recorded in tests/fixtures) and on broken ones.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "forex/FrankfurterParser.hpp"
#include "forex/MalformedAnswer.hpp"

namespace pricefeed::forex {
namespace {

using ::testing::HasSubstr;

// The shapes of the OpenAPI document, with real-looking values.
const std::string kRange =
    R"({"amount":1.0,"base":"EUR","start_date":"2024-01-02","end_date":"2024-01-05",)"
    R"("rates":{"2024-01-02":{"USD":1.0956},"2024-01-03":{"USD":1.0919},"2024-01-04":{"USD":1.0953},)"
    R"("2024-01-05":{"USD":1.0921}}})";
const std::string kLatest =
    R"({"amount":1.0,"base":"EUR","date":"2024-01-05","rates":{"GBP":0.86075,"USD":1.0921}})";
const std::string kCurrencies =
    R"({"AUD":"Australian Dollar","BGN":"Bulgarian Lev","EUR":"Euro","ISK":"Icelandic Kr\u00f3na",)"
    R"("USD":"United States Dollar"})";

Day day(const char* iso) {
  return *parse_iso_date(iso);
}

template <class Parse>
std::string message_of(Parse parse, const std::string& body) {
  try {
    parse(body);
  } catch (const MalformedAnswer& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(FrankfurterParser, RangeGivesTheRatesOfEveryDay) {
  const FrankfurterRange range = parse_frankfurter_range(kRange);
  EXPECT_EQ(range.base, "EUR");
  ASSERT_EQ(range.rates_by_day.size(), 4u);
  EXPECT_DOUBLE_EQ(range.rates_by_day.at(day("2024-01-02")).at("USD"), 1.0956);
  EXPECT_DOUBLE_EQ(range.rates_by_day.at(day("2024-01-05")).at("USD"), 1.0921);
}

TEST(FrankfurterParser, LatestGivesOneDaysRates) {
  const FrankfurterLatest latest = parse_frankfurter_latest(kLatest);
  EXPECT_EQ(latest.base, "EUR");
  EXPECT_EQ(latest.day, day("2024-01-05"));
  EXPECT_DOUBLE_EQ(latest.rates.at("GBP"), 0.86075);
  EXPECT_DOUBLE_EQ(latest.rates.at("USD"), 1.0921);
}

TEST(FrankfurterParser, CurrenciesGiveTheirNames) {
  const CurrencyNames names = parse_frankfurter_currencies(kCurrencies);
  EXPECT_EQ(names.size(), 5u);
  EXPECT_EQ(names.at("EUR"), "Euro");
  EXPECT_EQ(names.at("ISK"), "Icelandic Kr\xC3\xB3na");
}

TEST(FrankfurterParser, AnAnswerCutAnywhereIsRefused) {
  for (const std::string& body : {kRange, kLatest}) {
    for (std::size_t cut = 0; cut < body.size(); ++cut) {
      EXPECT_THROW(parse_frankfurter_range(body.substr(0, cut)), MalformedAnswer) << body.substr(0, cut);
      EXPECT_THROW(parse_frankfurter_latest(body.substr(0, cut)), MalformedAnswer) << body.substr(0, cut);
    }
  }
  for (std::size_t cut = 0; cut < kCurrencies.size(); ++cut) {
    EXPECT_THROW(parse_frankfurter_currencies(kCurrencies.substr(0, cut)), MalformedAnswer);
  }
  EXPECT_THAT(message_of(parse_frankfurter_range, kRange.substr(0, 40)), HasSubstr("not JSON"));
}

TEST(FrankfurterParser, ErrorAnswersAndOtherShapesAreRefusedNamingTheJsonPath) {
  EXPECT_THAT(message_of(parse_frankfurter_range, R"({"message":"not found"})"),
              HasSubstr("$ has no \"base\""));
  EXPECT_THAT(message_of(parse_frankfurter_range, "<html>502 Bad Gateway</html>"), HasSubstr("not JSON"));
  EXPECT_THAT(message_of(parse_frankfurter_range, "[1,2]"), HasSubstr("not a JSON object"));
  EXPECT_THAT(message_of(parse_frankfurter_range, R"({"base":"EUR","rates":[]})"),
              HasSubstr("$.rates is not an object keyed by date"));
  EXPECT_THAT(
      message_of(parse_frankfurter_range, R"({"base":"EUR","rates":{"Mon Jan 04 1999":{"AUD":1.91}}})"),
      HasSubstr("$.rates.Mon Jan 04 1999 is not a date"));
  EXPECT_THAT(message_of(parse_frankfurter_range, R"({"base":"EUR","rates":{"2024-01-02":{"USD":"1.09"}}})"),
              HasSubstr("$.rates.2024-01-02.USD is not a positive number"));
  EXPECT_THAT(message_of(parse_frankfurter_range, R"({"base":"EUR","rates":{"2024-01-02":{"USD":-1}}})"),
              HasSubstr("is not a positive number"));
  EXPECT_THAT(message_of(parse_frankfurter_range, R"({"base":"EUR","rates":{"2024-01-02":{"usd":1}}})"),
              HasSubstr("$.rates.2024-01-02.usd: not a currency code"));
  EXPECT_THAT(message_of(parse_frankfurter_range, R"({"base":"euro","rates":{}})"),
              HasSubstr("$.base is not a currency code"));
  EXPECT_THAT(message_of(parse_frankfurter_latest, R"({"base":"EUR","date":20240105,"rates":{}})"),
              HasSubstr("$.date is not a string"));
  EXPECT_THAT(message_of(parse_frankfurter_latest, R"({"base":"EUR","rates":{}})"),
              HasSubstr("$ has no \"date\""));
  EXPECT_THAT(message_of(parse_frankfurter_currencies, R"({"USD":1})"),
              HasSubstr("$.USD is not a currency name"));
  EXPECT_THAT(message_of(parse_frankfurter_currencies, "{}"), HasSubstr("lists no currency"));
}

TEST(FrankfurterParser, AnAmountOtherThanOneWouldScaleEveryRateAndIsRefused) {
  EXPECT_THAT(
      message_of(parse_frankfurter_latest, R"({"amount":10.0,"base":"EUR","date":"2024-01-05","rates":{}})"),
      HasSubstr("$.amount is 10.0, expected 1"));
  EXPECT_NO_THROW(parse_frankfurter_latest(R"({"amount":1,"base":"EUR","date":"2024-01-05","rates":{}})"));
}

}  // namespace
}  // namespace pricefeed::forex
