// Frankfurter's v1 answers (FrankfurterRoutes.cpp): the documented shapes, only TARGET working days,
// the rate in force at a period's start, crosses consistent with the euro rates, and its errors.
// No real Frankfurter answer is recorded in tests/fixtures: the shapes are those of its OpenAPI
// document (lineofflight/frankfurter lib/public/v1/openapi.json), quoted below.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/sandbox/EcbReferenceRates.hpp"
#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;

// The OpenAPI document's shapes: {"amount","base","start_date","end_date","rates":{date:{code:rate}}}
// for a period, {"amount","base","date","rates":{code:rate}} for one date. (structure_differences
// cannot compare them: their objects are keyed by dates and currencies, which differ.)
std::vector<std::string> keys_of(const json& object) {
  std::vector<std::string> out;
  for (const auto& [key, value] : object.items())
    out.push_back(key);
  return out;
}

bool is_rates_object(const json& rates) {
  if (!rates.is_object() || rates.empty()) return false;
  for (const auto& [code, rate] : rates.items()) {
    if (code.size() != 3 || !rate.is_number() || !(rate.get<double>() > 0)) return false;
  }
  return true;
}

std::vector<std::string> dates_of(const json& range) {
  std::vector<std::string> out;
  for (const auto& [date, rates] : range["rates"].items())
    out.push_back(date);
  return out;
}

// 2024-06-03 12:00 UTC, a Monday: everything before it is published.
class FrankfurterTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2024-06-03T12:00:00Z"); }
  void SetUp() override {
    sandbox_->sandbox().freeze_clock(parse_instant("2024-06-03T12:00:00Z"));
    sandbox_->sandbox().reset();
  }

  // The ECB's USD (or other) rate of a day as /__sandbox/truth/EURUSD=X gives it.
  static double truth(const std::string& currency, const std::string& date) {
    const json bars =
        sandbox_->get_json("/__sandbox/truth/EUR" + currency + "=X?from=" + date + "&to=" + date);
    const double close = bars["bars"].at(0)["close"].get<double>();
    const int decimals =
        EcbReferenceRates(sandbox_->sandbox().model(), sandbox_->sandbox().instruments()).decimals(currency);
    const double scale = std::pow(10.0, decimals);
    return std::round(close * scale) / scale;
  }
};

TEST_F(FrankfurterTest, AnswersHaveTheDocumentedShapes) {
  const json range = sandbox_->get_json("/v1/2024-01-02..2024-01-05?base=EUR&symbols=USD");
  EXPECT_EQ(keys_of(range), (std::vector<std::string>{"amount", "base", "end_date", "rates", "start_date"}));
  EXPECT_EQ(range["amount"].dump(), "1.0");  // a float, as Frankfurter's serializer writes it
  EXPECT_EQ(range["base"], "EUR");
  EXPECT_EQ(range["start_date"], "2024-01-02");
  EXPECT_EQ(range["end_date"], "2024-01-05");
  EXPECT_EQ(range["rates"].size(), 4u);
  for (const auto& [date, rates] : range["rates"].items()) {
    EXPECT_TRUE(parse_iso_date(date).has_value()) << date;
    EXPECT_TRUE(is_rates_object(rates)) << rates.dump();
  }

  const json latest = sandbox_->get_json("/v1/latest?symbols=USD");
  EXPECT_EQ(keys_of(latest), (std::vector<std::string>{"amount", "base", "date", "rates"}));
  EXPECT_TRUE(parse_iso_date(latest["date"].get<std::string>()).has_value());
  EXPECT_TRUE(is_rates_object(latest["rates"])) << latest.dump();
}

TEST_F(FrankfurterTest, RangeHasOnlyTargetWorkingDays) {
  // Easter 2024: Good Friday 29 March and Easter Monday 1 April are closed, like the weekend.
  EXPECT_EQ(dates_of(sandbox_->get_json("/v1/2024-03-27..2024-04-05?symbols=USD")),
            (std::vector<std::string>{"2024-03-27", "2024-03-28", "2024-04-02", "2024-04-03", "2024-04-04",
                                      "2024-04-05"}));
  // Christmas, New Year and Labour Day.
  EXPECT_EQ(dates_of(sandbox_->get_json("/v1/2023-12-22..2024-01-03?symbols=USD")),
            (std::vector<std::string>{"2023-12-22", "2023-12-27", "2023-12-28", "2023-12-29", "2024-01-02",
                                      "2024-01-03"}));
  EXPECT_EQ(dates_of(sandbox_->get_json("/v1/2024-04-30..2024-05-02?symbols=USD")),
            (std::vector<std::string>{"2024-04-30", "2024-05-02"}));
}

TEST_F(FrankfurterTest, RangeStartsWithTheRateInForceOnItsFirstDay) {
  // Saturday 30 March 2024: the rate in force is Thursday's (Friday was Good Friday).
  const json range = sandbox_->get_json("/v1/2024-03-30..2024-04-03?symbols=USD");
  EXPECT_EQ(range["start_date"], "2024-03-28");
  EXPECT_EQ(range["end_date"], "2024-04-03");
  EXPECT_EQ(dates_of(range), (std::vector<std::string>{"2024-03-28", "2024-04-02", "2024-04-03"}));
  // A period without an end runs to today.
  EXPECT_EQ(sandbox_->get_json("/v1/2024-05-30..?symbols=USD")["end_date"], "2024-05-31");
}

TEST_F(FrankfurterTest, EuroRatesAreTheModelsEurInstruments) {
  const json range = sandbox_->get_json("/v1/2024-01-02..2024-01-05?symbols=USD,JPY,GBP");
  for (const auto& [date, rates] : range["rates"].items()) {
    EXPECT_EQ(rates.size(), 3u) << date;
    for (const char* currency : {"USD", "JPY", "GBP"}) {
      EXPECT_DOUBLE_EQ(rates[currency].get<double>(), truth(currency, date)) << currency << " " << date;
    }
  }
}

TEST_F(FrankfurterTest, CrossesAreTheEuroRatesDividedAndRoundedLikeFrankfurter) {
  const json euro = sandbox_->get_json("/v1/2024-01-02..2024-01-05?symbols=USD,GBP,JPY");
  const json gbp = sandbox_->get_json("/v1/2024-01-02..2024-01-05?base=GBP&symbols=USD,EUR,JPY");
  ASSERT_EQ(dates_of(euro), dates_of(gbp));
  EXPECT_EQ(gbp["base"], "GBP");
  for (const auto& [date, rates] : gbp["rates"].items()) {
    const json& e = euro["rates"][date];
    const double gbpusd = e["USD"].get<double>() / e["GBP"].get<double>();
    // Frankfurter rounds the euro rates and then their quotient: about five significant digits.
    const double gbpeur = 1 / e["GBP"].get<double>();
    const double gbpjpy = e["JPY"].get<double>() / e["GBP"].get<double>();
    EXPECT_NEAR(rates["USD"].get<double>(), gbpusd, gbpusd * 1e-4) << date;
    EXPECT_NEAR(rates["EUR"].get<double>(), gbpeur, gbpeur * 1e-4) << date;
    EXPECT_NEAR(rates["JPY"].get<double>(), gbpjpy, gbpjpy * 1e-4) << date;
    EXPECT_FALSE(rates.contains("GBP")) << "the base is not among its own rates";
  }
}

TEST_F(FrankfurterTest, LatestIsTheLastPublishedFixing) {
  // Wednesday 3 April 2024: 12:00 UTC is before the 16:00 CEST publication, 15:00 UTC after it.
  sandbox_->sandbox().freeze_clock(parse_instant("2024-04-03T12:00:00Z"));
  EXPECT_EQ(sandbox_->get_json("/v1/latest?symbols=USD")["date"], "2024-04-02");
  sandbox_->sandbox().freeze_clock(parse_instant("2024-04-03T15:00:00Z"));
  const json latest = sandbox_->get_json("/v1/latest?symbols=USD,GBP");
  EXPECT_EQ(latest["date"], "2024-04-03");
  // The fixing is the day's final close in the model: what the truth says once the day is over.
  sandbox_->sandbox().freeze_clock(parse_instant("2024-06-03T12:00:00Z"));
  EXPECT_DOUBLE_EQ(latest["rates"]["USD"].get<double>(), truth("USD", "2024-04-03"));
  // Easter Monday: the last fixing is Thursday's.
  sandbox_->sandbox().freeze_clock(parse_instant("2024-04-01T18:00:00Z"));
  EXPECT_EQ(sandbox_->get_json("/v1/latest")["date"], "2024-03-28");
  EXPECT_EQ(sandbox_->get_json("/v1/latest")["rates"].size(), ecb_currencies().size());
}

TEST_F(FrankfurterTest, DateAnswersTheFixingInForceThatDay) {
  const json sunday = sandbox_->get_json("/v1/2024-03-31?symbols=JPY");
  EXPECT_EQ(sunday["date"], "2024-03-28");
  EXPECT_DOUBLE_EQ(sunday["rates"]["JPY"].get<double>(), truth("JPY", "2024-03-28"));
}

TEST_F(FrankfurterTest, HistoryBeginsWithTheEuro) {
  const json range = sandbox_->get_json("/v1/1998-12-28..1999-01-06?symbols=USD");
  EXPECT_EQ(dates_of(range), (std::vector<std::string>{"1999-01-04", "1999-01-05", "1999-01-06"}));
  const auto before = sandbox_->get("/v1/1998-01-01..1998-12-31?symbols=USD");
  EXPECT_EQ(before.status, 404u);
  EXPECT_EQ(json::parse(before.body), json::parse(R"({"message":"not found"})"));
}

TEST_F(FrankfurterTest, UnknownCurrenciesAndImpossibleQueriesAreRefusedAsFrankfurterDoes) {
  for (const char* target :
       {"/v1/2024-01-02..2024-01-05?base=XXX&symbols=USD", "/v1/latest?base=EUR&symbols=XXX",
        "/v1/2024-01-02?base=ABC", "/v1/2030-01-01..2030-02-01?symbols=USD"}) {
    const auto answer = sandbox_->get(target);
    EXPECT_EQ(answer.status, 404u) << target;
    EXPECT_EQ(json::parse(answer.body), json::parse(R"({"message":"not found"})")) << target;
  }
  // An unknown symbol next to a known one is simply absent.
  const json rates = sandbox_->get_json("/v1/latest?symbols=USD,XXX")["rates"];
  EXPECT_EQ(rates.size(), 1u);
  const auto same = sandbox_->get("/v1/latest?base=USD&symbols=USD");
  EXPECT_EQ(same.status, 422u);
  EXPECT_EQ(json::parse(same.body)["message"], "bad currency pair");
}

TEST_F(FrankfurterTest, CurrenciesListTheEcbCurrenciesAndTheEuro) {
  const json names = sandbox_->get_json("/v1/currencies");
  EXPECT_EQ(names.size(), ecb_currencies().size() + 1);
  EXPECT_EQ(names["EUR"], "Euro");
  EXPECT_EQ(names["USD"], "United States Dollar");
  EXPECT_EQ(names["ISK"], "Icelandic Kr\xC3\xB3na");
  std::vector<std::string> codes;
  for (const auto& [code, name] : names.items())
    codes.push_back(code);
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
}

TEST_F(FrankfurterTest, FaultsUseFrankfurtersErrorShape) {
  sandbox_->post("/__sandbox/faults", R"({"route":"frankfurter.range","kind":"503","count":1})");
  const auto failing = sandbox_->get("/v1/2024-01-02..2024-01-05?symbols=USD");
  EXPECT_EQ(failing.status, 503u);
  EXPECT_TRUE(json::parse(failing.body).contains("message"));
  // The fault was for the range route only: the date route shares its pattern, not its faults.
  sandbox_->post("/__sandbox/faults",
                 R"({"route":"frankfurter.range","kind":"unknown_symbol","symbol":"GBP"})");
  EXPECT_EQ(sandbox_->get("/v1/2024-01-02?symbols=GBP").status, 200u);
  EXPECT_EQ(sandbox_->get("/v1/2024-01-02..2024-01-05?symbols=USD").status, 200u);
  EXPECT_EQ(sandbox_->get("/v1/2024-01-02..2024-01-05?symbols=GBP").status, 404u);
  sandbox_->post("/__sandbox/faults", R"({"route":"frankfurter","kind":"malformed"})");
  const auto malformed = sandbox_->get("/v1/latest");
  EXPECT_EQ(malformed.status, 200u);
  EXPECT_TRUE(json::parse(malformed.body, nullptr, false).is_discarded());
}

}  // namespace
}  // namespace pricefeed::sandbox
