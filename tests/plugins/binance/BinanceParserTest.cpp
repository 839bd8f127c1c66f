// The readers of Binance's answers on every recorded answer in tests/fixtures/binance, and on the ways
// an answer can be broken: truncated, not JSON, fields of the wrong type.

#include <cmath>
#include <functional>
#include <map>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "binance/BinanceDecimal.hpp"
#include "binance/BinanceExchangeInfoParser.hpp"
#include "binance/BinanceFormatError.hpp"
#include "binance/BinanceKlinesParser.hpp"
#include "binance/BinanceTickerPriceParser.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::binance {
namespace {

using plugins::test::fixture_names;
using plugins::test::read_fixture;
using ::testing::HasSubstr;

std::string without_trailing_space(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  return text;
}

void check_klines_fixture(const std::string& body) {
  const std::vector<BinanceKline> klines = parse_binance_klines(body);
  ASSERT_EQ(klines.size(), 10u);
  const BinanceKline& first = klines.front();
  EXPECT_EQ(first.open_time_ms, 1634943780000);
  EXPECT_DOUBLE_EQ(first.open, 60685.22);
  EXPECT_DOUBLE_EQ(first.high, 60729.84);
  EXPECT_DOUBLE_EQ(first.low, 60670.90);
  EXPECT_DOUBLE_EQ(first.close, 60719.27);
  EXPECT_DOUBLE_EQ(first.volume, 21.63272);
  EXPECT_EQ(first.close_time_ms, 1634943839999);
  for (std::size_t i = 1; i < klines.size(); ++i) {
    EXPECT_EQ(klines[i].open_time_ms, klines[i - 1].open_time_ms + 60000) << i;  // 1m klines
    EXPECT_EQ(klines[i].close_time_ms, klines[i].open_time_ms + 59999) << i;
    EXPECT_LE(klines[i].low, std::min(klines[i].open, klines[i].close)) << i;
    EXPECT_GE(klines[i].high, std::max(klines[i].open, klines[i].close)) << i;
  }
  EXPECT_DOUBLE_EQ(klines.back().close, 60739.85);
  EXPECT_DOUBLE_EQ(klines.back().volume, 0.04734);
}

void check_ticker_price_fixture(const std::string& body) {
  const std::vector<BinanceTickerPrice> prices = parse_binance_ticker_prices(body);
  ASSERT_EQ(prices.size(), 1u);
  EXPECT_EQ(prices[0].pair, "BTCUSDT");
  EXPECT_DOUBLE_EQ(prices[0].price, 60740.0);
}

void check_exchange_info_fixture(const std::string& body) {
  const BinanceExchangeInfo info = parse_binance_exchange_info(body);
  EXPECT_EQ(info.request_weight_per_minute, 1200u);  // 2021's limit, recorded as it was
  ASSERT_EQ(info.pairs.size(), 2u);
  const BinancePairInfo* btc = info.find("BTCUSDT");
  ASSERT_NE(btc, nullptr);
  EXPECT_EQ(btc->base, "BTC");
  EXPECT_EQ(btc->quote, "USDT");
  EXPECT_EQ(btc->status, "TRADING");
  EXPECT_TRUE(btc->trading());
  ASSERT_NE(info.find("ETHUSDT"), nullptr);
  EXPECT_EQ(info.find("ETHUSDT")->base, "ETH");
  EXPECT_EQ(info.find("BNBUSDT"), nullptr);
}

// Which check reads which recorded answer; a new fixture without a check fails the test below.
const std::map<std::string, std::function<void(const std::string&)>>& checks() {
  static const std::map<std::string, std::function<void(const std::string&)>> by_name{
      {"http_spot_market_klines.json", check_klines_fixture},
      {"http_spot_market_ticker_price.json", check_ticker_price_fixture},
      {"http_spot_market_exchange_info.json", check_exchange_info_fixture},
  };
  return by_name;
}

// The parser for a fixture, to feed it broken copies of the fixture.
std::function<void(const std::string&)> parser_for(const std::string& name) {
  if (name.find("klines") != std::string::npos) return [](const std::string& b) { parse_binance_klines(b); };
  if (name.find("ticker_price") != std::string::npos) {
    return [](const std::string& b) { parse_binance_ticker_prices(b); };
  }
  return [](const std::string& b) { parse_binance_exchange_info(b); };
}

TEST(BinanceFixtures, EveryRecordedAnswerIsReadAsRecorded) {
  const std::vector<std::string> names = fixture_names("binance", "", ".json");
  ASSERT_EQ(names.size(), checks().size());
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const auto check = checks().find(name);
    ASSERT_NE(check, checks().end()) << "no test reads this recorded answer";
    check->second(read_fixture("binance", name));
  }
}

TEST(BinanceFixtures, EveryTruncationOfEveryRecordedAnswerIsRefused) {
  for (const std::string& name : fixture_names("binance", "", ".json")) {
    SCOPED_TRACE(name);
    const std::string body = without_trailing_space(read_fixture("binance", name));
    const auto parse = parser_for(name);
    ASSERT_NO_THROW(parse(body));
    for (std::size_t size = 0; size < body.size(); ++size) {
      EXPECT_THROW(parse(body.substr(0, size)), BinanceFormatError) << "cut at " << size;
    }
  }
}

TEST(BinanceKlinesParser, AnEmptyArrayIsNoKlines) {
  EXPECT_TRUE(parse_binance_klines("[]").empty());
  EXPECT_TRUE(parse_binance_klines(" [ ]\n").empty());
}

TEST(BinanceKlinesParser, OnlyTheSevenLeadingFieldsAreNeeded) {
  const auto klines = parse_binance_klines(R"([[1,"1.5","2","1","1.75","10",60000]])");
  ASSERT_EQ(klines.size(), 1u);
  EXPECT_DOUBLE_EQ(klines[0].close, 1.75);
  EXPECT_EQ(klines[0].close_time_ms, 60000);
}

TEST(BinanceKlinesParser, RefusesWhatIsNotTheDocumentedShapeNamingWhere) {
  struct Case {
    std::string body;
    std::string message;
  };
  const std::string ok =
      R"([1634943780000,"60685.22000000","60729.84000000","60670.90000000","60719.27000000","21.63272000",1634943839999,"1313200.01340410",617,"12.28492000","745719.41022840","0"])";
  for (const Case& c : std::vector<Case>{
           {"<html><body>502 Bad Gateway</body></html>", "not JSON"},
           {"", "not JSON"},
           {R"({"code":-1121,"msg":"Invalid symbol."})", "klines: expected an array, got an object"},
           {"[1,2]", "klines[0]: expected an array, got a number"},
           {R"([[1634943780000,"1","2","1","1"]])", "klines[0]: expected at least 7 fields, got 5"},
           {R"([[1634943780000,60685.22,"2","1","1","1",1634943839999]])",
            "klines[0][1]: expected a decimal string, got a number"},
           {R"([[1634943780000,"1","2","1","1","NaN",1634943839999]])",
            "klines[0][5]: expected a decimal string, got 'NaN'"},
           {R"([[1634943780000,"1","2","1","-1","1",1634943839999]])",
            "klines[0][4]: expected a decimal string, got '-1'"},
           {R"([[1634943780000,"1","2","1","1e3","1",1634943839999]])", "klines[0][4]"},
           {R"([[1634943780000,"","2","1","1","1",1634943839999]])", "klines[0][1]"},
           {R"([["1634943780000","1","2","1","1","1",1634943839999]])",
            "klines[0][0]: expected an integer, got a string"},
           {R"([[1634943780000.5,"1","2","1","1","1",1634943839999]])",
            "klines[0][0]: expected an integer, got a number"},
           {R"([[1634943780000,"1","2","1","1","1",null]])", "klines[0][6]: expected an integer, got null"},
           {R"([[1634943780000,"1","2","1","1","1",1634943779999]])",
            "closes (1634943779999) before it opens"},
           {"[" + ok + "," + ok + "]", "klines[1]: opens at 1634943780000, not after the kline before it"},
           {"[" + ok + "]]", "not JSON"},
       }) {
    SCOPED_TRACE(c.body);
    try {
      parse_binance_klines(c.body);
      ADD_FAILURE() << "accepted";
    } catch (const BinanceFormatError& e) {
      EXPECT_THAT(e.what(), HasSubstr(c.message));
    }
  }
}

TEST(BinanceTickerPriceParser, ReadsTheArrayAnsweredForSeveralSymbols) {
  const auto prices = parse_binance_ticker_prices(
      R"([{"symbol":"BTCUSDT","price":"60740.00000000"},{"symbol":"ETHUSDT","price":"4061.37000000"}])");
  ASSERT_EQ(prices.size(), 2u);
  EXPECT_EQ(prices[1].pair, "ETHUSDT");
  EXPECT_DOUBLE_EQ(prices[1].price, 4061.37);
  EXPECT_TRUE(parse_binance_ticker_prices("[]").empty());
}

TEST(BinanceTickerPriceParser, RefusesAnythingElseNamingWhere) {
  struct Case {
    std::string body;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {R"("BTCUSDT")", "ticker: expected an object or an array, got a string"},
           {R"([{"symbol":"BTCUSDT"}])", "ticker[0].price: missing"},
           {R"([{"price":"1"}])", "ticker[0].symbol: missing"},
           {R"({"symbol":"BTCUSDT","price":60740})", "ticker.price: expected a decimal string, got a number"},
           {R"([{"symbol":1,"price":"1"}])", "ticker[0].symbol: expected a string, got a number"},
           {R"([{"symbol":"BTCUSDT","price":"1"},7])", "ticker[1]: expected an object, got a number"},
           {R"([{"symbol":"BTCUSDT","price":"1"})", "not JSON"},
       }) {
    SCOPED_TRACE(c.body);
    try {
      parse_binance_ticker_prices(c.body);
      ADD_FAILURE() << "accepted";
    } catch (const BinanceFormatError& e) {
      EXPECT_THAT(e.what(), HasSubstr(c.message));
    }
  }
}

TEST(BinanceExchangeInfoParser, TakesTheRequestWeightPerOneMinuteOnly) {
  const auto info = parse_binance_exchange_info(R"({"rateLimits":[
      {"rateLimitType":"RAW_REQUESTS","interval":"MINUTE","intervalNum":5,"limit":61000},
      {"rateLimitType":"REQUEST_WEIGHT","interval":"SECOND","intervalNum":10,"limit":100},
      {"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000}],
      "symbols":[]})");
  EXPECT_EQ(info.request_weight_per_minute, 6000u);
  EXPECT_TRUE(info.pairs.empty());
  EXPECT_EQ(parse_binance_exchange_info(R"({"rateLimits":[],"symbols":[]})").request_weight_per_minute,
            std::nullopt);
  EXPECT_EQ(parse_binance_exchange_info(R"({"symbols":[]})").request_weight_per_minute, std::nullopt);
}

TEST(BinanceExchangeInfoParser, KeepsEveryPairSortedWithItsStatus) {
  const auto info = parse_binance_exchange_info(R"({"symbols":[
      {"symbol":"LUNAUSDT","status":"BREAK","baseAsset":"LUNA","quoteAsset":"USDT","filters":[]},
      {"symbol":"ETHBTC","status":"TRADING","baseAsset":"ETH","quoteAsset":"BTC"},
      {"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","quoteAsset":"USDT"}]})");
  ASSERT_EQ(info.pairs.size(), 3u);
  EXPECT_EQ(info.pairs[0].pair, "BTCUSDT");
  EXPECT_EQ(info.pairs[1].pair, "ETHBTC");
  EXPECT_EQ(info.find("LUNAUSDT")->status, "BREAK");
  EXPECT_FALSE(info.find("LUNAUSDT")->trading());
}

TEST(BinanceExchangeInfoParser, RefusesAnythingElseNamingWhere) {
  struct Case {
    std::string body;
    std::string message;
  };
  for (
      const Case& c : std::vector<Case>{
          {"[]", "exchangeInfo: expected an object, got an array"},
          {"{}", "exchangeInfo.symbols: missing"},
          {R"({"symbols":{}})", "exchangeInfo.symbols: expected an array, got an object"},
          {R"({"symbols":[{"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC"}]})",
           "exchangeInfo.symbols[0].quoteAsset: missing"},
          {R"({"symbols":[{"symbol":"BTCUSDT","status":null,"baseAsset":"BTC","quoteAsset":"USDT"}]})",
           "exchangeInfo.symbols[0].status: expected a string, got null"},
          {R"({"rateLimits":{},"symbols":[]})", "exchangeInfo.rateLimits: expected an array"},
          {R"({"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":"6000"}],"symbols":[]})",
           "exchangeInfo.rateLimits[0].limit: expected an integer, got a string"},
          {R"({"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":0}],"symbols":[]})",
           "exchangeInfo.rateLimits[0].limit: expected a positive weight, got 0"},
      }) {
    SCOPED_TRACE(c.body);
    try {
      parse_binance_exchange_info(c.body);
      ADD_FAILURE() << "accepted";
    } catch (const BinanceFormatError& e) {
      EXPECT_THAT(e.what(), HasSubstr(c.message));
    }
  }
}

TEST(BinanceDecimal, ReadsPlainDecimalsOnly) {
  EXPECT_EQ(parse_binance_decimal("60685.22000000"), 60685.22);
  EXPECT_EQ(parse_binance_decimal("0.00000001"), 1e-8);
  EXPECT_EQ(parse_binance_decimal("5"), 5.0);
  EXPECT_EQ(parse_binance_decimal("0"), 0.0);
  for (const char* bad :
       {"", ".", "1.", ".5", "1.2.3", "-1", "+1", "1e5", "NaN", "inf", " 1", "1 ", "1,5", "0x10"}) {
    EXPECT_EQ(parse_binance_decimal(bad), std::nullopt) << "'" << bad << "'";
  }
}

// Found by tests/fuzz (binance_*_parser_fuzz): a number beyond a double made nlohmann throw
// out_of_range, which escaped every parser instead of BinanceFormatError.
TEST(BinanceParsers, ANumberBeyondADoubleIsAFormatError) {
  EXPECT_THROW(parse_binance_klines(R"([[1e9999999999999999999,"1","1","1","1","1",2,"1",1,"1","1","0"]])"),
               BinanceFormatError);
  EXPECT_THROW(parse_binance_ticker_prices(R"({"symbol":"BTCUSDT","price":163494391e99959999})"),
               BinanceFormatError);
  try {
    parse_binance_exchange_info(R"({"serverTime":-1e99942465856,"rateLimits":[],"symbols":[]})");
    FAIL() << "expected a BinanceFormatError";
  } catch (const BinanceFormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not JSON"));
  }
}

}  // namespace
}  // namespace pricefeed::binance
