// forex.so through its real C ABI with the ECB backend (the ECB Data Portal's SDMX CSV): history of
// euro pairs, inverses and crosses from the recorded answers (tests/fixtures/ecb), the follow-up that
// tells an unknown currency from a range without fixings, cut answers, quotes and the catalog.
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugins/forex/ForexPluginFixture.hpp"

namespace pricefeed::forex::test {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::string kBase = "http://ecb.test/service";
const std::string kConfig = R"({"plugin":"forex","backend":"ecb","base_url":"http://ecb.test/service"})";
constexpr const char* kFull = "EXR-D.USD.EUR.SP00.A-csvdata-fullcolumns.THIRD-PARTY.csv";
constexpr const char* kTrimmed = "EXR-D..EUR.SP00.A-csvdata-startPeriod-2026-02-17.TRIMMED.csv";
const std::string kDataOnlyHeader =
    "KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE\n";

std::string history_url(const std::string& key, const std::string& from, const std::string& to) {
  return kBase + "/data/EXR/" + key + "?startPeriod=" + from + "&endPeriod=" + to +
         "&format=csvdata&detail=dataonly";
}
std::string last_url(const std::string& key) {
  return kBase + "/data/EXR/" + key + "?lastNObservations=1&format=csvdata&detail=dataonly";
}
// One "detail=dataonly" row.
std::string row(const std::string& currency, const std::string& date, const std::string& value) {
  return "EXR.D." + currency + ".EUR.SP00.A,D," + currency + ",EUR,SP00,A," + date + "," + value + "\n";
}
// The recorded trimmed answer without the series of `currency`.
std::string trimmed_without(const std::string& currency) {
  std::string out;
  std::istringstream in(read_fixture("ecb", kTrimmed));
  for (std::string line; std::getline(in, line);)
    if (line.find("," + currency + ",") == std::string::npos) out += line + "\n";
  return out;
}

std::int64_t day(int y, unsigned m, unsigned d) {
  return utc_midnight(y, m, d);
}

class EcbPlugin : public ForexPlugin {
 protected:
  void SetUp() override {
    ForexPlugin::SetUp();
    host_->set_now(utc_midnight(2026, 9, 8) + 12 * 3600);  // after the recordings
    create_ok(kConfig);
  }
};

TEST_F(EcbPlugin, HistoryOfAEuroPairIsTheSeriesAsPublished) {
  host_->answer(history_url("D.USD.EUR.SP00.A", "2026-09-03", "2026-09-07"),
                {200, read_fixture("ecb", kFull)});
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", day(2026, 9, 3), day(2026, 9, 8)), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.bars.size(), 3u);
  EXPECT_EQ(call.bars[0].ts, day(2026, 9, 3));
  EXPECT_DOUBLE_EQ(call.bars[0].close, 1.1615);
  EXPECT_EQ(call.bars[2].ts, day(2026, 9, 7));  // the weekend of 5-6 September: no bar, no gap
  EXPECT_THAT(call.unavailable, IsEmpty());
  expect_rate_bars(call);
  EXPECT_EQ(call.requests[0].header("Accept"), "text/csv");
}

TEST_F(EcbPlugin, TheInverseIsOneOverTheEuroRate) {
  host_->answer(history_url("D.USD.EUR.SP00.A", "2026-09-03", "2026-09-07"),
                {200, read_fixture("ecb", kFull)});
  TestCall call;
  ASSERT_EQ(history(call, "USDEUR", day(2026, 9, 3), day(2026, 9, 8)), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.bars.size(), 3u);
  EXPECT_DOUBLE_EQ(call.bars[0].close, 1 / 1.1615);
}

TEST_F(EcbPlugin, ACrossIsTwoSeriesFromOneRequestDividedOnTheirCommonDates) {
  host_->answer(history_url("D.GBP+USD.EUR.SP00.A", "2026-02-17", "2026-02-24"),
                {200, trimmed_without("JPY")});
  TestCall call;
  ASSERT_EQ(history(call, "GBPUSD", day(2026, 2, 17), day(2026, 2, 25)), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(call.requests.size(), 1u);
  ASSERT_EQ(call.bars.size(), 6u);
  EXPECT_DOUBLE_EQ(call.bars[0].close, 1.1826 / 0.8733);  // EURUSD / EURGBP on 2026-02-17
  EXPECT_DOUBLE_EQ(call.bars[5].close, 1.1777 / 0.8731);
  EXPECT_EQ(call.bars[4].ts, day(2026, 2, 23));

  host_->answer(history_url("D.JPY+USD.EUR.SP00.A", "2026-02-17", "2026-02-24"),
                {200, trimmed_without("GBP")});
  TestCall jpy;
  ASSERT_EQ(history(jpy, "USDJPY", day(2026, 2, 17), day(2026, 2, 25)), PRICEFEED_OK) << jpy.last_error();
  ASSERT_EQ(jpy.bars.size(), 6u);
  EXPECT_DOUBLE_EQ(jpy.bars[0].close, 181.06 / 1.1826);
}

TEST_F(EcbPlugin, AnAnswerHoldingASeriesNotAskedForIsNotUsed) {
  host_->answer(history_url("D.GBP+USD.EUR.SP00.A", "2026-02-17", "2026-02-24"),
                {200, read_fixture("ecb", kTrimmed)});
  TestCall call;
  EXPECT_EQ(history(call, "GBPUSD", day(2026, 2, 17), day(2026, 2, 25)), PRICEFEED_TRANSIENT);
  EXPECT_THAT(call.last_error(), HasSubstr("holds the JPY series, which was not asked for"));
  EXPECT_THAT(call.bars, IsEmpty());
}

TEST_F(EcbPlugin, AnUnknownCurrencyIsNotFoundAfterAskingForItsLastRate) {
  host_->answer(history_url("D.XYZ.EUR.SP00.A", "2026-09-01", "2026-09-07"), {404, "No results found."});
  host_->answer(last_url("D.XYZ.EUR.SP00.A"), {404, "No results found."});
  TestCall call;
  EXPECT_EQ(history(call, "EURXYZ", day(2026, 9, 1), day(2026, 9, 8)), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(), HasSubstr("the ECB has no daily euro reference rate of XYZ"));
  EXPECT_EQ(urls(call), (std::vector<std::string>{history_url("D.XYZ.EUR.SP00.A", "2026-09-01", "2026-09-07"),
                                                  last_url("D.XYZ.EUR.SP00.A")}));

  // A cross whose other leg is known: the answer has only that leg's series.
  host_->answer(history_url("D.USD+XYZ.EUR.SP00.A", "2026-09-03", "2026-09-07"),
                {200, read_fixture("ecb", kFull)});
  TestCall cross;
  EXPECT_EQ(history(cross, "XYZUSD", day(2026, 9, 3), day(2026, 9, 8)), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(cross.last_error(), HasSubstr("of XYZ"));
  EXPECT_THAT(cross.bars, IsEmpty());
}

TEST_F(EcbPlugin, ARangeOfClosingDaysHasNoBarsAndIsNoGap) {
  host_->answer(history_url("D.USD.EUR.SP00.A", "2026-09-05", "2026-09-06"), {404, "No results found."});
  host_->answer(last_url("D.USD.EUR.SP00.A"), {200, kDataOnlyHeader + row("USD", "2026-09-07", "1.1622")});
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", day(2026, 9, 5), day(2026, 9, 7)), PRICEFEED_OK) << call.last_error();
  EXPECT_THAT(call.bars, IsEmpty());
  EXPECT_THAT(call.unavailable, IsEmpty());
}

TEST_F(EcbPlugin, EasterUpToTodayBeforeTodaysFixingIsNoHole) {
  // Tuesday 2 April 2024, 10:00 UTC: Good Friday to Easter Monday closed, today's rate not out yet.
  host_->set_now(day(2024, 4, 2) + 10 * 3600);
  host_->answer(history_url("D.USD.EUR.SP00.A", "2024-03-29", "2024-04-02"), {404, "No results found."});
  host_->answer(last_url("D.USD.EUR.SP00.A"), {200, kDataOnlyHeader + row("USD", "2024-03-28", "1.0811")});
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", day(2024, 3, 29), day(2024, 4, 3)), PRICEFEED_OK) << call.last_error();
  EXPECT_THAT(call.bars, IsEmpty());
  EXPECT_THAT(call.unavailable, IsEmpty());
}

TEST_F(EcbPlugin, ASeriesThatEndedIsUnavailableAfterItsLastRate) {
  host_->answer(history_url("D.HRK.EUR.SP00.A", "2024-01-02", "2024-01-31"), {404, "No results found."});
  host_->answer(last_url("D.HRK.EUR.SP00.A"), {200, kDataOnlyHeader + row("HRK", "2022-12-30", "7.5365")});
  TestCall call;
  ASSERT_EQ(history(call, "EURHRK", day(2024, 1, 2), day(2024, 2, 1)), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, day(2024, 1, 2));
  EXPECT_EQ(call.unavailable[0].end, day(2024, 2, 1));
  EXPECT_THAT(call.unavailable[0].reason, HasSubstr("the ECB's last HRK reference rate is of 2022-12-30"));
}

TEST_F(EcbPlugin, AHoleInASeriesLongerThanAnyClosureIsUnavailable) {
  host_->answer(history_url("D.ISK.EUR.SP00.A", "2012-03-01", "2012-03-31"), {404, "No results found."});
  host_->answer(last_url("D.ISK.EUR.SP00.A"), {200, kDataOnlyHeader + row("ISK", "2026-09-07", "144.9")});
  TestCall call;
  ASSERT_EQ(history(call, "EURISK", day(2012, 3, 1), day(2012, 4, 1)), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_THAT(call.unavailable[0].reason,
              HasSubstr("published no ISK reference rate from 2012-03-01 to 2012-03-31"));
}

TEST_F(EcbPlugin, ObservationsWithoutAValueAreNoBars) {
  host_->answer(history_url("D.USD.EUR.SP00.A", "2026-09-01", "2026-09-03"),
                {200, kDataOnlyHeader + row("USD", "2026-09-01", "1.16") + row("USD", "2026-09-02", "NaN") +
                          row("USD", "2026-09-03", "")});
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", day(2026, 9, 1), day(2026, 9, 4)), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.bars.size(), 1u);
  EXPECT_EQ(call.bars[0].ts, day(2026, 9, 1));
}

TEST_F(EcbPlugin, ACutAnswerIsTransientAndNoneOfItIsUsed) {
  const std::string url = history_url("D.USD.EUR.SP00.A", "2026-09-03", "2026-09-07");
  const std::string body = read_fixture("ecb", kFull);
  for (const std::string& cut :
       {body.substr(0, body.size() - 1), body.substr(0, body.size() - 60), body.substr(0, body.size() / 2),
        std::string("<html><body>Maintenance</body></html>")}) {
    host_->answer(url, {200, cut});
    TestCall call;
    EXPECT_EQ(history(call, "EURUSD", day(2026, 9, 3), day(2026, 9, 8)), PRICEFEED_TRANSIENT) << cut;
    EXPECT_THAT(call.last_error(),
                HasSubstr("forex (ecb): GET " + url + " answered HTTP 200 with a body that does not read"));
    EXPECT_THAT(call.bars, IsEmpty()) << "the complete rows before the cut are not used either";
  }
}

TEST_F(EcbPlugin, RefusalsAndFailuresMapToTheHostsOutcomes) {
  const std::string url = history_url("D.USD.EUR.SP00.A", "2026-09-03", "2026-09-07");
  host_->answer(url, {400, "Invalid value USD for dimension CURRENCY"});
  TestCall named;
  EXPECT_EQ(history(named, "EURUSD", day(2026, 9, 3), day(2026, 9, 8)), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(named.last_error(), HasSubstr("answered HTTP 400 about USD"));
  host_->answer(url, {400, "Syntax error"});
  TestCall other;
  EXPECT_EQ(history(other, "EURUSD", day(2026, 9, 3), day(2026, 9, 8)), PRICEFEED_PERMANENT);
  for (int status : {500, 503}) {
    host_->answer(url, {status, "Service Unavailable"});
    TestCall call;
    EXPECT_EQ(history(call, "EURUSD", day(2026, 9, 3), day(2026, 9, 8)), PRICEFEED_TRANSIENT) << status;
  }
  host_->answer(url, {406, "Not Acceptable"});
  TestCall refused;
  EXPECT_EQ(history(refused, "EURUSD", day(2026, 9, 3), day(2026, 9, 8)), PRICEFEED_PERMANENT);
}

TEST_F(EcbPlugin, QuotesAreTheLastObservationsFromOneRequest) {
  host_->answer(last_url("D.GBP+JPY+USD.EUR.SP00.A"),
                {200, kDataOnlyHeader + row("GBP", "2026-09-07", "0.8650") +
                          row("JPY", "2026-09-07", "171.45") + row("USD", "2026-09-07", "1.1622")});
  TestCall call;
  ASSERT_EQ(quotes(call, {"EURUSD", "GBPUSD", "USDJPY", "GBPEUR"}), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(call.requests.size(), 1u);
  ASSERT_EQ(call.quotes.size(), 4u);
  std::map<std::string, double> price;
  for (std::size_t i = 0; i < call.quotes.size(); ++i) {
    price[call.quote_symbols[i]] = call.quotes[i].price;
    EXPECT_EQ(call.quotes[i].ts, day(2026, 9, 7));
  }
  EXPECT_DOUBLE_EQ(price["EURUSD"], 1.1622);
  EXPECT_DOUBLE_EQ(price["GBPUSD"], 1.1622 / 0.8650);
  EXPECT_DOUBLE_EQ(price["USDJPY"], 171.45 / 1.1622);
  EXPECT_DOUBLE_EQ(price["GBPEUR"], 1 / 0.8650);
}

TEST_F(EcbPlugin, QuotesNeverDivideRatesOfTwoDays) {
  host_->answer(
      last_url("D.GBP+USD+XYZ.EUR.SP00.A"),
      {200, kDataOnlyHeader + row("GBP", "2026-09-04", "0.8650") + row("USD", "2026-09-07", "1.1622")});
  TestCall call;
  ASSERT_EQ(quotes(call, {"GBPUSD", "EURUSD", "EURXYZ"}), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.quotes.size(), 1u);
  EXPECT_EQ(call.quote_symbols[0], "EURUSD");
  EXPECT_THAT(call.logs, Contains(HasSubstr("no common date for GBP/USD")));
  EXPECT_THAT(call.logs, Contains(HasSubstr("no reference rate for GBPUSD, EURXYZ")));

  host_->answer(last_url("D.XYZ.EUR.SP00.A"), {404, "No results found."});
  TestCall none;
  EXPECT_EQ(quotes(none, {"EURXYZ"}), PRICEFEED_NOT_FOUND);
}

TEST_F(EcbPlugin, CatalogIsTheCurrentlyPublishedCurrenciesNamedByTheirSeriesTitles) {
  const std::string header =
      "KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE,TITLE,TITLE_COMPL\n";
  auto full_row = [](const std::string& code, const std::string& name, const std::string& date) {
    return "EXR.D." + code + ".EUR.SP00.A,D," + code + ",EUR,SP00,A," + date + ",1.5," + name +
           "/Euro ECB reference exchange rate,\"ECB reference exchange rate, " + name +
           "/Euro, 2.15 pm (C.E.T.)\"\n";
  };
  host_->answer(
      kBase + "/data/EXR/D..EUR.SP00.A?lastNObservations=1&format=csvdata",
      {200, header + full_row("GBP", "UK pound sterling", "2026-09-07") +
                full_row("HRK", "Croatian kuna", "2022-12-30") + full_row("USD", "US dollar", "2026-09-07")});
  TestCall call;
  ASSERT_EQ(catalog(call), PRICEFEED_OK) << call.last_error();
  std::vector<std::string> symbols, names;
  for (const auto& text : call.asset_texts) {
    symbols.push_back(text.symbol);
    names.push_back(text.name);
  }
  EXPECT_THAT(symbols, ElementsAre("EURUSD", "GBPUSD")) << "HRK is no longer published";
  EXPECT_THAT(names, ElementsAre("Euro / US dollar", "UK pound sterling / US dollar"));
}

}  // namespace
}  // namespace pricefeed::forex::test
