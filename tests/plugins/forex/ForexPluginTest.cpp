// forex.so through its real C ABI with the Frankfurter backend (the default): the descriptor, the
// configuration, history, quotes and the catalog, and every way an answer can go wrong. Frankfurter
// has no recorded answer in tests/fixtures: the bodies follow its documented v1 format.
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/plugins/forex/ForexPluginFixture.hpp"

namespace pricefeed::forex::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

const std::string kBase = "http://fx.test/v1";
const std::string kConfig = R"({"plugin":"forex","base_url":"http://fx.test/v1","requests_per_minute":30})";
const std::string kCurrencies =
    R"({"AUD":"Australian Dollar","EUR":"Euro","GBP":"British Pound","JPY":"Japanese Yen",)"
    R"("USD":"United States Dollar"})";

// {"amount":1.0,"base":B,"start_date":..,"end_date":..,"rates":{date:{quote:rate}}}
std::string range_body(const std::string& base, const std::string& quote,
                       const std::vector<std::pair<std::string, double>>& rates) {
  nlohmann::ordered_json body{{"amount", 1.0}, {"base", base}};
  body["start_date"] = rates.empty() ? "" : rates.front().first;
  body["end_date"] = rates.empty() ? "" : rates.back().first;
  body["rates"] = nlohmann::ordered_json::object();
  for (const auto& [date, rate] : rates)
    body["rates"][date] = {{quote, rate}};
  return body.dump();
}

// A range answer with several currencies a day.
std::string range_body(const std::vector<std::pair<std::string, std::map<std::string, double>>>& rates) {
  nlohmann::ordered_json body{{"amount", 1.0}, {"base", "EUR"}};
  body["start_date"] = rates.front().first;
  body["end_date"] = rates.back().first;
  for (const auto& [date, day_rates] : rates)
    for (const auto& [code, rate] : day_rates)
      body["rates"][date][code] = rate;
  return body.dump();
}

std::int64_t day(int y, unsigned m, unsigned d) {
  return utc_midnight(y, m, d);
}

class FrankfurterPlugin : public ForexPlugin {
 protected:
  void SetUp() override {
    ForexPlugin::SetUp();
    create_ok(kConfig);
  }
};

TEST_F(ForexPlugin, DescriptorDeclaresForexHistoryQuotesAndCatalog) {
  expect_descriptor({.name = "forex",
                     .asset_classes = PRICEFEED_CLASS_FOREX,
                     .capabilities = PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG,
                     .resolutions = PRICEFEED_RES_1D,
                     .max_quote_batch = 100});
}

TEST_F(ForexPlugin, BadConfigurationIsInvalidConfigNamingTheKey) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"({"backend":"yahoo"})", "backend: expected \"frankfurter\" or \"ecb\", got 'yahoo'"},
      {R"({"backend":3})", "backend: expected a string"},
      {R"({"base_url":"ftp://fx.test"})", "base_url: expected an http:// or https:// URL"},
      {R"({"base_url":"http://fx.test/v1?x=1"})", "base_url: must not contain a query"},
      {R"({"catalog_quotes":[]})", "catalog_quotes: list at least one currency"},
      {R"({"catalog_quotes":["usd"]})", "catalog_quotes: 'usd' is not a currency code"},
      {R"({"catalog_quotes":"USD"})", "catalog_quotes: expected an array"},
      {R"({"max_days_per_request":-1})", "max_days_per_request: must be 0 (no limit) or a number of days"},
      {R"({"max_days_per_request":1.5})", "max_days_per_request: expected an integer"},
      {"[1]", "expected a table"},
  };
  for (const auto& [config, message] : cases)
    expect_refused(config, message);
}

TEST_F(ForexPlugin, WithoutBaseUrlEachBackendUsesItsPublicApi) {
  create_ok(R"({"plugin":"forex"})");
  TestCall call;
  history(call, "EURUSD", day(2024, 1, 2), day(2024, 1, 3));
  EXPECT_THAT(urls(call),
              ElementsAre("https://api.frankfurter.dev/v1/2024-01-02..2024-01-02?base=EUR&symbols=USD"));

  create_ok(R"({"plugin":"forex","backend":"ecb"})");
  TestCall ecb;
  history(ecb, "EURUSD", day(2024, 1, 2), day(2024, 1, 3));
  ASSERT_FALSE(ecb.requests.empty());
  EXPECT_THAT(
      ecb.requests[0].url,
      StartsWith("https://data-api.ecb.europa.eu/service/data/EXR/D.USD.EUR.SP00.A?startPeriod=2024-01-02"));
}

TEST_F(FrankfurterPlugin, HistoryIsOneBarPerFixingKeyedAtMidnight) {
  host_->answer(kBase + "/2024-01-02..2024-01-09?base=EUR&symbols=USD",
                {200, range_body("EUR", "USD",
                                 {{"2024-01-02", 1.0956},
                                  {"2024-01-03", 1.0919},
                                  {"2024-01-04", 1.0953},
                                  {"2024-01-05", 1.0921},
                                  {"2024-01-08", 1.0946},
                                  {"2024-01-09", 1.0940}})});
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", day(2024, 1, 2), day(2024, 1, 10)), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.bars.size(), 6u);
  EXPECT_EQ(call.bars[0].ts, day(2024, 1, 2));
  EXPECT_DOUBLE_EQ(call.bars[0].close, 1.0956);
  EXPECT_EQ(call.bars[4].ts, day(2024, 1, 8));  // the weekend has no bar ...
  EXPECT_THAT(call.unavailable, IsEmpty());     // ... and is no gap
  expect_rate_bars(call);
  EXPECT_EQ(call.requests[0].header("Accept"), "application/json");
}

TEST_F(FrankfurterPlugin, TheRateInForceBeforeTheRangeIsNotABarOfIt) {
  // Asked from Saturday: Frankfurter starts with Friday's rate, which is not in the range.
  host_->answer(kBase + "/2024-01-06..2024-01-09?base=EUR&symbols=USD",
                {200, range_body("EUR", "USD",
                                 {{"2024-01-05", 1.0921}, {"2024-01-08", 1.0946}, {"2024-01-09", 1.094}})});
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", day(2024, 1, 6), day(2024, 1, 10)), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.bars.size(), 2u);
  EXPECT_EQ(call.bars[0].ts, day(2024, 1, 8));
}

TEST_F(FrankfurterPlugin, CrossesAndInversesAreComputedFromTheEuroRatesInFullPrecision) {
  // Always base=EUR, as the ECB publishes: Frankfurter's own rebasing rounds to five decimals.
  host_->answer(kBase + "/2024-01-02..2024-01-03?base=EUR&symbols=GBP%2CJPY",
                {200, range_body({{"2024-01-02", {{"GBP", 0.86770}, {"JPY", 155.73}}},
                                  {"2024-01-03", {{"GBP", 0.86278}, {"JPY", 156.24}}}})});
  host_->answer(kBase + "/2024-01-02..2024-01-03?base=EUR&symbols=JPY",
                {200, range_body("EUR", "JPY", {{"2024-01-02", 155.73}, {"2024-01-03", 156.24}})});
  TestCall cross, inverse, source_id;
  ASSERT_EQ(history(cross, "GBPJPY", day(2024, 1, 2), day(2024, 1, 4)), PRICEFEED_OK) << cross.last_error();
  ASSERT_EQ(history(inverse, "JPYEUR", day(2024, 1, 2), day(2024, 1, 4)), PRICEFEED_OK)
      << inverse.last_error();
  ASSERT_EQ(cross.bars.size(), 2u);
  EXPECT_DOUBLE_EQ(cross.bars[0].close, 155.73 / 0.86770);
  EXPECT_DOUBLE_EQ(cross.bars[1].close, 156.24 / 0.86278);
  ASSERT_EQ(inverse.bars.size(), 2u);
  EXPECT_DOUBLE_EQ(inverse.bars[0].close, 1 / 155.73);
  // The source id, when set, is used as it is.
  ASSERT_EQ(history(source_id, "POUNDYEN", day(2024, 1, 2), day(2024, 1, 4), "GBPJPY"), PRICEFEED_OK)
      << source_id.last_error();
  EXPECT_EQ(source_id.bars.size(), 2u);
}

TEST_F(FrankfurterPlugin, ACrossHasBarsOnlyOnDaysBothCurrenciesHaveARate) {
  host_->answer(kBase + "/2024-01-02..2024-01-04?base=EUR&symbols=GBP%2CUSD",
                {200, range_body({{"2024-01-02", {{"GBP", 0.8677}, {"USD", 1.0956}}},
                                  {"2024-01-03", {{"USD", 1.0919}}},
                                  {"2024-01-04", {{"GBP", 0.8634}, {"USD", 1.0953}}}})});
  TestCall call;
  ASSERT_EQ(history(call, "GBPUSD", day(2024, 1, 2), day(2024, 1, 5)), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.bars.size(), 2u);
  EXPECT_EQ(call.bars[1].ts, day(2024, 1, 4));
}

TEST_F(FrankfurterPlugin, RangesBeforeTheEuroAreUnavailableAndNeverAsked) {
  host_->answer(kBase + "/1999-01-04..1999-01-08?base=EUR&symbols=USD",
                {200, range_body("EUR", "USD", {{"1999-01-04", 1.1789}, {"1999-01-05", 1.179}})});
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", day(1998, 12, 1), day(1999, 1, 9)), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, day(1998, 12, 1));
  EXPECT_EQ(call.unavailable[0].end, day(1999, 1, 4));
  EXPECT_THAT(call.unavailable[0].reason, HasSubstr("from 1999-01-04 only"));
  EXPECT_EQ(call.bars.size(), 2u);
  EXPECT_EQ(call.requests.size(), 1u);

  TestCall before;
  ASSERT_EQ(history(before, "EURUSD", day(1990, 1, 1), day(1991, 1, 1)), PRICEFEED_OK);
  EXPECT_THAT(before.requests, IsEmpty());
  ASSERT_EQ(before.unavailable.size(), 1u);
  EXPECT_EQ(before.unavailable[0].end, day(1991, 1, 1));
}

TEST_F(FrankfurterPlugin, TheFutureCostsNoRequest) {
  host_->answer(kBase + "/2024-06-03..2024-06-04?base=EUR&symbols=USD",
                {200, range_body("EUR", "USD", {{"2024-06-03", 1.0882}})});
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", day(2024, 6, 3), day(2024, 7, 1)), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(urls(call), std::vector<std::string>{kBase + "/2024-06-03..2024-06-04?base=EUR&symbols=USD"});
  EXPECT_THAT(call.unavailable, IsEmpty());

  TestCall future;
  ASSERT_EQ(history(future, "EURUSD", day(2024, 6, 5), day(2024, 7, 1)), PRICEFEED_OK);
  EXPECT_THAT(future.requests, IsEmpty());
  EXPECT_THAT(future.bars, IsEmpty());
}

TEST_F(FrankfurterPlugin, LongRangesAreSplitWhenMaxDaysPerRequestSaysSo) {
  create_ok(R"({"base_url":"http://fx.test/v1","max_days_per_request":4})");
  host_->otherwise([](const std::string& url) {
    const std::string first = url.substr(url.find("/v1/") + 4, 10);
    return CannedAnswer{200, range_body("EUR", "USD", {{first, 1.1}})};
  });
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", day(2024, 1, 1), day(2024, 1, 11)), PRICEFEED_OK) << call.last_error();
  EXPECT_THAT(urls(call), ElementsAre(kBase + "/2024-01-01..2024-01-04?base=EUR&symbols=USD",
                                      kBase + "/2024-01-05..2024-01-08?base=EUR&symbols=USD",
                                      kBase + "/2024-01-09..2024-01-10?base=EUR&symbols=USD"));
  EXPECT_EQ(call.bars.size(), 3u);

  TestCall cancelled;
  cancelled.cancel_after_requests = 1;
  EXPECT_EQ(history(cancelled, "EURUSD", day(2024, 1, 1), day(2024, 1, 11)), PRICEFEED_TRANSIENT);
  EXPECT_THAT(cancelled.last_error(), HasSubstr("cancelled after 1 of 3 requests for 'EURUSD'"));
  EXPECT_EQ(cancelled.bars.size(), 1u) << "what was fetched is kept";

  TestCall stopped;
  stopped.stop_after_bars = 1;
  EXPECT_EQ(history(stopped, "EURUSD", day(2024, 1, 1), day(2024, 1, 11)), PRICEFEED_OK);
  EXPECT_EQ(stopped.requests.size(), 1u) << "a stop from the host ends the fetch";
}

TEST_F(FrankfurterPlugin, AnUnknownCurrencyIsNotFoundNamingIt) {
  host_->answer(kBase + "/2024-01-02..2024-01-09?base=EUR&symbols=XYZ", {404, R"({"message":"not found"})"});
  host_->answer(kBase + "/2024-01-02..2024-01-09?base=EUR&symbols=USD%2CXYZ",
                {200, range_body("EUR", "USD", {{"2024-01-02", 1.0956}, {"2024-01-03", 1.0919}})});
  host_->answer(kBase + "/currencies", {200, kCurrencies});
  TestCall call;
  EXPECT_EQ(history(call, "EURXYZ", day(2024, 1, 2), day(2024, 1, 10)), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(), HasSubstr("Frankfurter lists no XYZ among its currencies"));
  EXPECT_THAT(
      call.last_error(),
      HasSubstr("GET http://fx.test/v1/2024-01-02..2024-01-09?base=EUR&symbols=XYZ answered HTTP 404"));
  EXPECT_THAT(urls(call),
              ElementsAre(kBase + "/2024-01-02..2024-01-09?base=EUR&symbols=XYZ", kBase + "/currencies"));

  TestCall cross;  // the known leg comes back alone; the currency list is kept in the host's cache
  EXPECT_EQ(history(cross, "XYZUSD", day(2024, 1, 2), day(2024, 1, 10)), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(cross.last_error(), HasSubstr("lists no XYZ"));
  EXPECT_THAT(cross.bars, IsEmpty());
  EXPECT_EQ(cross.requests.size(), 1u);
}

TEST_F(FrankfurterPlugin, NothingForAKnownCurrencyOverALongRangeIsUnavailable) {
  host_->answer(kBase + "/2012-01-02..2012-01-31?base=EUR&symbols=AUD", {404, R"({"message":"not found"})"});
  host_->answer(kBase + "/2012-01-02..2012-01-04?base=EUR&symbols=AUD", {404, R"({"message":"not found"})"});
  host_->answer(kBase + "/currencies", {200, kCurrencies});
  TestCall call;
  ASSERT_EQ(history(call, "EURAUD", day(2012, 1, 2), day(2012, 2, 1)), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, day(2012, 1, 2));
  EXPECT_EQ(call.unavailable[0].end, day(2012, 2, 1));
  EXPECT_THAT(call.unavailable[0].reason,
              HasSubstr("no ECB reference rate of AUD from 2012-01-02 to 2012-01-31"));

  TestCall short_range;  // three days could all be closing days: nothing to report
  ASSERT_EQ(history(short_range, "EURAUD", day(2012, 1, 2), day(2012, 1, 5)), PRICEFEED_OK);
  EXPECT_THAT(short_range.unavailable, IsEmpty());
}

TEST_F(FrankfurterPlugin, EasterUpToTodayBeforeTodaysFixingIsNoHole) {
  // Tuesday 2 April 2024, 10:00 UTC: Good Friday to Easter Monday closed, today's rate not out yet.
  host_->set_now(day(2024, 4, 2) + 10 * 3600);
  host_->answer(kBase + "/2024-03-29..2024-04-02?base=EUR&symbols=USD",
                {200, range_body("EUR", "USD", {{"2024-03-28", 1.0811}})});
  host_->answer(kBase + "/currencies", {200, kCurrencies});
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", day(2024, 3, 29), day(2024, 4, 3)), PRICEFEED_OK) << call.last_error();
  EXPECT_THAT(call.bars, IsEmpty());
  EXPECT_THAT(call.unavailable, IsEmpty());
}

TEST_F(FrankfurterPlugin, StatusesMapToTheHostsOutcomes) {
  const std::string url = kBase + "/2024-01-02..2024-01-02?base=EUR&symbols=USD";
  const std::vector<std::pair<CannedAnswer, pricefeed_status>> cases{
      {{500, R"({"message":"internal server error"})"}, PRICEFEED_TRANSIENT},
      {{503, "<html>Service Unavailable</html>"}, PRICEFEED_TRANSIENT},
      {{408, ""}, PRICEFEED_TRANSIENT},
      {{422, R"({"message":"bad currency pair"})"}, PRICEFEED_PERMANENT},
      {{400, "Bad Request"}, PRICEFEED_PERMANENT},
      {{403, "Forbidden"}, PRICEFEED_PERMANENT},
  };
  for (const auto& [answer, status] : cases) {
    host_->answer(url, answer);
    TestCall call;
    EXPECT_EQ(history(call, "EURUSD", day(2024, 1, 2), day(2024, 1, 3)), status) << answer.status;
    EXPECT_THAT(call.last_error(), HasSubstr("forex (frankfurter): GET " + url + " answered HTTP " +
                                             std::to_string(answer.status)));
  }
}

TEST_F(FrankfurterPlugin, RateLimitsComeFromTheHostUntouched) {
  host_->rate_limit_everything(30000);
  TestCall call;
  EXPECT_EQ(history(call, "EURUSD", day(2024, 1, 2), day(2024, 1, 3)), PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(call.retry_after_ms, 30000);
  EXPECT_EQ(call.last_error(), "the source is rate limited (test host)");
}

TEST_F(FrankfurterPlugin, AMalformedOrCutBodyIsTransientWithAnExcerptAndNeverData) {
  const std::string url = kBase + "/2024-01-02..2024-01-05?base=EUR&symbols=USD";
  const std::string whole = range_body("EUR", "USD", {{"2024-01-02", 1.0956}, {"2024-01-03", 1.0919}});
  for (const std::string& body :
       {whole.substr(0, whole.size() / 2), std::string("<html>502 Bad Gateway</html>"),
        std::string(R"({"base":"EUR","rates":{"2024-01-02":{"USD":null}}})")}) {
    host_->answer(url, {200, body});
    TestCall call;
    EXPECT_EQ(history(call, "EURUSD", day(2024, 1, 2), day(2024, 1, 6)), PRICEFEED_TRANSIENT) << body;
    EXPECT_THAT(call.last_error(), HasSubstr("with a body that does not read"));
    EXPECT_THAT(call.last_error(), HasSubstr("it starts: '" + body.substr(0, 10)));
    EXPECT_THAT(call.bars, IsEmpty());
  }
  host_->answer(url, {200, range_body("GBP", "USD", {{"2024-01-02", 1.27}})});
  TestCall other_base;
  EXPECT_EQ(history(other_base, "EURUSD", day(2024, 1, 2), day(2024, 1, 6)), PRICEFEED_TRANSIENT);
  EXPECT_THAT(other_base.last_error(), HasSubstr("$.base is GBP, asked for EUR"));
}

TEST_F(FrankfurterPlugin, ASymbolThatIsNotAPairIsNotFoundBeforeAnyRequest) {
  for (const char* symbol : {"EURUS", "eurusd", "EUR/USD", "EUREUR", "../../x", "EURUSD=X"}) {
    TestCall call;
    EXPECT_EQ(history(call, symbol, day(2024, 1, 2), day(2024, 1, 3)), PRICEFEED_NOT_FOUND) << symbol;
    EXPECT_THAT(call.requests, IsEmpty()) << symbol;
  }
}

TEST_F(FrankfurterPlugin, OnlyDailyBars) {
  TestCall call;
  EXPECT_EQ(host_->fetch_history(instance_, call, "EURUSD", "", PRICEFEED_CLASS_FOREX, PRICEFEED_RES_1H,
                                 day(2024, 1, 2), day(2024, 1, 3)),
            PRICEFEED_UNSUPPORTED);
  EXPECT_THAT(call.requests, IsEmpty());
}

TEST_F(FrankfurterPlugin, QuotesAreOneRequestForTheWholeBatch) {
  host_->answer(
      kBase + "/latest?base=EUR&symbols=GBP%2CJPY%2CUSD",
      {200,
       R"({"amount":1.0,"base":"EUR","date":"2024-06-03","rates":{"GBP":0.85138,"JPY":170.88,"USD":1.0882}})"});
  TestCall call;
  ASSERT_EQ(quotes(call, {"EURUSD", "GBPUSD", "EURGBP", "USDJPY", "GBPEUR"}), PRICEFEED_OK)
      << call.last_error();
  EXPECT_EQ(call.requests.size(), 1u);
  ASSERT_EQ(call.quotes.size(), 5u);
  std::map<std::string, std::pair<double, std::string>> got;
  for (std::size_t i = 0; i < call.quotes.size(); ++i) {
    got[call.quote_symbols[i]] = {call.quotes[i].price, call.quote_currencies[i]};
    EXPECT_EQ(call.quotes[i].ts, day(2024, 6, 3)) << "the fixing's date at 00:00 UTC";
    EXPECT_TRUE(std::isnan(call.quotes[i].open) && std::isnan(call.quotes[i].previous_close));
  }
  EXPECT_EQ(got["EURUSD"], std::make_pair(1.0882, std::string("USD")));
  EXPECT_EQ(got["EURGBP"], std::make_pair(0.85138, std::string("GBP")));
  EXPECT_EQ(got["GBPUSD"], std::make_pair(1.0882 / 0.85138, std::string("USD")));
  EXPECT_EQ(got["USDJPY"], std::make_pair(170.88 / 1.0882, std::string("JPY")));
  EXPECT_EQ(got["GBPEUR"], std::make_pair(1 / 0.85138, std::string("EUR")));
}

TEST_F(FrankfurterPlugin, QuotesLeaveOutWhatFrankfurterDoesNotKnow) {
  host_->answer(kBase + "/latest?base=EUR&symbols=USD%2CXYZ",
                {200, R"({"amount":1.0,"base":"EUR","date":"2024-06-03","rates":{"USD":1.0882}})"});
  host_->answer(kBase + "/latest?base=EUR&symbols=ABC", {404, R"({"message":"not found"})"});
  TestCall call;
  ASSERT_EQ(quotes(call, {"EURUSD", "EURXYZ", "XYZUSD", "bad"}), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.quotes.size(), 1u);
  EXPECT_EQ(call.quote_symbols[0], "EURUSD");
  EXPECT_THAT(call.logs, ::testing::Contains(HasSubstr("no reference rate for EURXYZ, XYZUSD, bad")));

  TestCall none;
  EXPECT_EQ(quotes(none, {"XYZUSD"}), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(none.last_error(), HasSubstr("forex (frankfurter): no reference rate for XYZUSD"));
  TestCall unknown;  // Frankfurter's 404 when nothing at all matches
  EXPECT_EQ(quotes(unknown, {"EURABC"}), PRICEFEED_NOT_FOUND);
}

TEST_F(FrankfurterPlugin, QuoteFailuresAreTheCallsFailures) {
  host_->answer(kBase + "/latest?base=EUR&symbols=USD", {503, "down"});
  TestCall call;
  EXPECT_EQ(quotes(call, {"EURUSD"}), PRICEFEED_TRANSIENT);
  host_->answer(kBase + "/latest?base=EUR&symbols=USD",
                {200, R"({"amount":1.0,"base":"EUR","date":"2024-06-03")"});
  TestCall cut;
  EXPECT_EQ(quotes(cut, {"EURUSD"}), PRICEFEED_TRANSIENT);
  EXPECT_THAT(cut.last_error(), HasSubstr("does not read"));
}

TEST_F(FrankfurterPlugin, CatalogIsEveryCurrencyAgainstTheCatalogQuotes) {
  host_->answer(kBase + "/currencies", {200, kCurrencies});
  TestCall call;
  ASSERT_EQ(catalog(call), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.assets.size(), 4u);  // AUD, EUR, GBP, JPY against USD
  EXPECT_EQ(call.asset_texts[1].symbol, "EURUSD");
  EXPECT_EQ(call.asset_texts[1].source_id, "EURUSD");
  EXPECT_EQ(call.asset_texts[1].name, "Euro / United States Dollar");
  EXPECT_EQ(call.asset_texts[1].currency, "USD");
  EXPECT_EQ(call.assets[1].asset_class, static_cast<std::uint32_t>(PRICEFEED_CLASS_FOREX));

  create_ok(R"({"base_url":"http://fx.test/v1","catalog_quotes":["USD","EUR"]})");
  TestCall both;
  ASSERT_EQ(catalog(both), PRICEFEED_OK) << both.last_error();
  EXPECT_EQ(both.assets.size(), 8u);
  EXPECT_EQ(both.asset_texts[4].symbol, "AUDEUR");
  EXPECT_EQ(both.asset_texts[4].name, "Australian Dollar / Euro");
}

TEST_F(FrankfurterPlugin, CatalogOfAnotherClassIsEmptyAndAnUnpublishedQuoteIsPermanent) {
  TestCall other;
  ASSERT_EQ(catalog(other, PRICEFEED_CLASS_STOCK), PRICEFEED_OK);
  EXPECT_THAT(other.requests, IsEmpty());

  create_ok(R"({"base_url":"http://fx.test/v1","catalog_quotes":["CHF"]})");
  host_->answer(kBase + "/currencies", {200, kCurrencies});
  TestCall call;
  EXPECT_EQ(catalog(call), PRICEFEED_PERMANENT);
  EXPECT_THAT(call.last_error(), HasSubstr("catalog_quotes names CHF, which the ECB does not publish"));
}

TEST_F(FrankfurterPlugin, OneInstanceServesSeveralThreads) {
  host_->otherwise([](const std::string& url) {
    const std::string first = url.substr(url.find("/v1/") + 4, 10);
    return CannedAnswer{200, range_body("EUR", "USD", {{first, 1.1}})};
  });
  const CallsAtOnce at_once = call_from_threads(8, 1, [&](std::size_t i, TestCall& call) {
    const std::int64_t start = day(2024, 1, 2) + static_cast<std::int64_t>(i) * kDay;
    return host_->fetch_history(instance_, call, "EURUSD", "", PRICEFEED_CLASS_FOREX, PRICEFEED_RES_1D, start,
                                start + kDay);
  });
  for (const TestCall& call : at_once.calls)
    EXPECT_EQ(call.bars.size(), 1u) << call.last_error();
}

}  // namespace
}  // namespace pricefeed::forex::test
