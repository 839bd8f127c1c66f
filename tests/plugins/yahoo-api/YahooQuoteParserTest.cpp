// YahooQuoteParser against Yahoo's recorded v7 quote answers (tests/fixtures/yahoo/quote-*.json) and
// against variations of them for what the recordings happen not to show (absent fields, nulls,
// formatted numbers, entries that cannot be quotes) and for Yahoo's error bodies.

#include "yahoo-api/YahooQuoteParser.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pricefeed/error.hpp>

#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::yahoo {
namespace {

using nlohmann::json;
using plugins::test::fixture_names;
using plugins::test::read_yahoo_fixture;
using ::testing::HasSubstr;

json fixture_json(const std::string& name) {
  return json::parse(read_yahoo_fixture(name));
}

// The AAPL entry of the recorded AAPL+BABA answer, to vary one field at a time.
json apple_entry() {
  return fixture_json("quote-AAPL-BABA.json")["quoteResponse"]["result"][0];
}

json answer_with(const std::vector<json>& entries) {
  return json{{"quoteResponse", {{"result", entries}, {"error", nullptr}}}};
}

Error parse_error(const json& body) {
  try {
    YahooQuoteParser().parse(body);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a pricefeed::Error";
  return Error::permanent("none thrown");
}

TEST(YahooQuoteParser, EveryRecordedAnswerParsesIntoCompleteQuotes) {
  const std::vector<std::string> names = fixture_names("yahoo", "quote-", ".json");
  ASSERT_EQ(names.size(), 4u) << "a new recording? check it here";
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const json body = fixture_json(name);
    const YahooQuoteAnswer answer = YahooQuoteParser().parse_text(read_yahoo_fixture(name));
    ASSERT_EQ(answer.quotes.size(), body["quoteResponse"]["result"].size());
    EXPECT_TRUE(answer.warnings.empty()) << answer.warnings.front();
    for (std::size_t i = 0; i < answer.quotes.size(); ++i) {
      const json& entry = body["quoteResponse"]["result"][i];
      const YahooQuote& quote = answer.quotes[i];
      EXPECT_EQ(quote.ticker, entry["symbol"].get<std::string>());
      EXPECT_DOUBLE_EQ(quote.price, entry["regularMarketPrice"].get<double>());
      EXPECT_EQ(quote.currency, entry["currency"].get<std::string>());
      EXPECT_EQ(quote.ts, entry["regularMarketTime"].get<std::int64_t>());
      EXPECT_DOUBLE_EQ(quote.open, entry["regularMarketOpen"].get<double>());
      EXPECT_DOUBLE_EQ(quote.high, entry["regularMarketDayHigh"].get<double>());
      EXPECT_DOUBLE_EQ(quote.low, entry["regularMarketDayLow"].get<double>());
      EXPECT_DOUBLE_EQ(quote.volume, entry["regularMarketVolume"].get<double>());
      EXPECT_DOUBLE_EQ(quote.previous_close, entry["regularMarketPreviousClose"].get<double>());
    }
  }
}

TEST(YahooQuoteParser, RecordedValuesLandInTheRightFields) {
  const YahooQuoteAnswer stocks = YahooQuoteParser().parse_text(read_yahoo_fixture("quote-AAPL-BABA.json"));
  ASSERT_EQ(stocks.quotes.size(), 2u);
  const YahooQuote& apple = stocks.quotes[0];
  EXPECT_EQ(apple.ticker, "AAPL");
  EXPECT_DOUBLE_EQ(apple.price, 244.6);
  EXPECT_EQ(apple.currency, "USD");
  EXPECT_EQ(apple.ts, 1739566800);
  EXPECT_DOUBLE_EQ(apple.open, 241.07);
  EXPECT_DOUBLE_EQ(apple.high, 245.41);
  EXPECT_DOUBLE_EQ(apple.low, 241);
  EXPECT_DOUBLE_EQ(apple.volume, 40896227);
  EXPECT_DOUBLE_EQ(apple.previous_close, 241.53);
  EXPECT_EQ(stocks.quotes[1].ticker, "BABA");

  const YahooQuote gold = YahooQuoteParser().parse_text(read_yahoo_fixture("quote-GC=F.json")).quotes.at(0);
  EXPECT_EQ(gold.ticker, "GC=F");
  EXPECT_DOUBLE_EQ(gold.price, 2910.3);
  EXPECT_DOUBLE_EQ(gold.previous_close, 2900.7);

  // Forex has no volume: Yahoo says 0, and 0 it stays (not absent).
  const YahooQuote euro =
      YahooQuoteParser().parse_text(read_yahoo_fixture("quote-EURUSD=X.json")).quotes.at(0);
  EXPECT_EQ(euro.ticker, "EURUSD=X");
  EXPECT_DOUBLE_EQ(euro.price, 1.0489877);
  EXPECT_EQ(euro.volume, 0);
}

TEST(YahooQuoteParser, MinorCurrencyUnitsAreKeptAsGiven) {
  json entry = apple_entry();
  entry["symbol"] = "OCDO.L";
  entry["currency"] = "GBp";
  const YahooQuoteAnswer answer = YahooQuoteParser().parse(answer_with({entry}));
  ASSERT_EQ(answer.quotes.size(), 1u);
  EXPECT_EQ(answer.quotes[0].currency, "GBp");
}

TEST(YahooQuoteParser, AbsentOrNullSessionValuesAreNaN) {
  json absent = apple_entry();
  for (const char* key : {"regularMarketOpen", "regularMarketDayHigh", "regularMarketDayLow",
                          "regularMarketVolume", "regularMarketPreviousClose", "currency"}) {
    absent.erase(key);
  }
  json nulls = apple_entry();
  nulls["symbol"] = "MSFT";
  for (const char* key : {"regularMarketOpen", "regularMarketDayHigh", "regularMarketDayLow",
                          "regularMarketVolume", "regularMarketPreviousClose"}) {
    nulls[key] = nullptr;
  }
  const YahooQuoteAnswer answer = YahooQuoteParser().parse(answer_with({absent, nulls}));
  ASSERT_EQ(answer.quotes.size(), 2u);
  EXPECT_TRUE(answer.warnings.empty());
  for (const YahooQuote& quote : answer.quotes) {
    SCOPED_TRACE(quote.ticker);
    EXPECT_DOUBLE_EQ(quote.price, 244.6);
    EXPECT_TRUE(std::isnan(quote.open));
    EXPECT_TRUE(std::isnan(quote.high));
    EXPECT_TRUE(std::isnan(quote.low));
    EXPECT_TRUE(std::isnan(quote.volume));
    EXPECT_TRUE(std::isnan(quote.previous_close));
  }
  EXPECT_EQ(answer.quotes[0].currency, "");
}

TEST(YahooQuoteParser, FormattedNumbersAreReadFromRaw) {
  json entry = apple_entry();
  entry["regularMarketPrice"] = {{"raw", 244.6}, {"fmt", "244.60"}};
  entry["regularMarketTime"] = {{"raw", 1739566800}, {"fmt", "4:00PM EST"}};
  const YahooQuoteAnswer answer = YahooQuoteParser().parse(answer_with({entry}));
  ASSERT_EQ(answer.quotes.size(), 1u);
  EXPECT_DOUBLE_EQ(answer.quotes[0].price, 244.6);
  EXPECT_EQ(answer.quotes[0].ts, 1739566800);
}

TEST(YahooQuoteParser, AnEntryThatCannotBeAQuoteIsLeftOutAndTheOthersKept) {
  json no_price = apple_entry();
  no_price["symbol"] = "NOPRICE";
  no_price.erase("regularMarketPrice");
  json null_price = apple_entry();
  null_price["symbol"] = "NULLPRICE";
  null_price["regularMarketPrice"] = nullptr;
  json text_price = apple_entry();
  text_price["symbol"] = "TEXTPRICE";
  text_price["regularMarketPrice"] = "244.6";
  json no_time = apple_entry();
  no_time["symbol"] = "NOTIME";
  no_time.erase("regularMarketTime");
  json no_symbol = apple_entry();
  no_symbol.erase("symbol");
  const json not_an_object = 42;

  const YahooQuoteAnswer answer = YahooQuoteParser().parse(
      answer_with({no_price, apple_entry(), null_price, text_price, no_time, no_symbol, not_an_object}));
  ASSERT_EQ(answer.quotes.size(), 1u);
  EXPECT_EQ(answer.quotes[0].ticker, "AAPL");
  ASSERT_EQ(answer.warnings.size(), 6u);
  EXPECT_THAT(answer.warnings[0], HasSubstr("quoteResponse.result[0] ('NOPRICE') has no regularMarketPrice"));
  EXPECT_THAT(answer.warnings[1], HasSubstr("'NULLPRICE'"));
  EXPECT_THAT(answer.warnings[2], HasSubstr("regularMarketPrice is a string, expected a number"));
  EXPECT_THAT(answer.warnings[3], HasSubstr("'NOTIME') has no whole regularMarketTime"));
  EXPECT_THAT(answer.warnings[4], HasSubstr("quoteResponse.result[5] has no symbol"));
  EXPECT_THAT(answer.warnings[5], HasSubstr("quoteResponse.result[6] is a number, expected an object"));
}

TEST(YahooQuoteParser, AWrongTypeInAnOptionalFieldIsAbsentWithAWarning) {
  json entry = apple_entry();
  entry["regularMarketVolume"] = "40,896,227";
  const YahooQuoteAnswer answer = YahooQuoteParser().parse(answer_with({entry}));
  ASSERT_EQ(answer.quotes.size(), 1u);
  EXPECT_TRUE(std::isnan(answer.quotes[0].volume));
  ASSERT_EQ(answer.warnings.size(), 1u);
  EXPECT_THAT(answer.warnings[0], HasSubstr("('AAPL').regularMarketVolume is a string"));
}

TEST(YahooQuoteParser, AnEmptyResultIsNoQuotesNotAnError) {
  // How Yahoo answers a batch of symbols it does not know.
  const YahooQuoteAnswer answer = YahooQuoteParser().parse(answer_with({}));
  EXPECT_TRUE(answer.quotes.empty());
  EXPECT_TRUE(answer.warnings.empty());
}

TEST(YahooQuoteParser, TheRecordedInvalidCrumbBodyIsPermanentAndQuoted) {
  const Error e = parse_error(fixture_json("401-invalid-crumb.FROM-LOG.json"));
  EXPECT_EQ(e.status(), Status::permanent);
  EXPECT_THAT(e.what(), HasSubstr("finance.error 'Unauthorized': Invalid Crumb"));
}

TEST(YahooQuoteParser, AnErrorInTheQuoteResponseIsPermanent) {
  const Error e = parse_error(json{
      {"quoteResponse",
       {{"result", nullptr}, {"error", {{"code", "Bad Request"}, {"description", "Missing symbols"}}}}}});
  EXPECT_EQ(e.status(), Status::permanent);
  EXPECT_THAT(e.what(), HasSubstr("quoteResponse.error 'Bad Request': Missing symbols"));
}

TEST(YahooQuoteParser, MalformedStructureNamesWhatIsWrong) {
  struct Case {
    json body;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {json::array(), "the body is an array, expected an object"},
           {json::object(), "quoteResponse is missing"},
           {json{{"quoteResponse", "none"}}, "quoteResponse is a string, expected an object"},
           {json{{"quoteResponse", {{"error", nullptr}}}}, "quoteResponse.result is missing or null"},
           {json{{"quoteResponse", {{"result", {{"symbol", "AAPL"}}}, {"error", nullptr}}}},
            "quoteResponse.result is an object, expected an array"},
       }) {
    SCOPED_TRACE(c.body.dump());
    const Error e = parse_error(c.body);
    EXPECT_EQ(e.status(), Status::permanent);
    EXPECT_THAT(e.what(), HasSubstr("Yahoo quote answer is malformed: " + c.message));
  }
}

TEST(YahooQuoteParser, TextThatIsNotJsonIsTransientAndQuoted) {
  try {
    YahooQuoteParser().parse_text(std::string_view("{\"quoteResponse\":{\"result\":[{\"symbol\":\"AA"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::transient);
    EXPECT_THAT(e.what(), HasSubstr("not JSON"));
    EXPECT_THAT(e.what(), HasSubstr("'{\"quoteResponse\""));
  }
}

// Found by tests/fuzz/yahoo_quote_parser_fuzz (out_of_range escaped instead of pricefeed::Error).
TEST(YahooQuoteParser, ANumberBeyondADoubleIsTransientNotAnEscapingException) {
  try {
    YahooQuoteParser().parse_text(std::string_view(
        R"({"quoteResponse":{"result":[{"symbol":"AAPL","regularMarketPrice":2441e999}]}})"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::transient);
    EXPECT_THAT(e.what(), HasSubstr("not JSON"));
  }
}

}  // namespace
}  // namespace pricefeed::yahoo
