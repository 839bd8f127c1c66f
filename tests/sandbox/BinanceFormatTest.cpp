// The Binance answers have the recorded answers' shape (tests/fixtures/binance): the same keys, the
// same JSON types, numbers as decimal strings with 8 places, 12-element klines.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::fixture_json;
using testing::join;
using testing::structure_differences;

// What one position of a kline array holds: "integer", "decimal" (a string of digits with 8 places)
// or "other string".
std::string kind_of(const json& value) {
  static const std::regex decimal(R"(^[0-9]+\.[0-9]{8}$)");
  if (value.is_number_integer()) return "integer";
  if (value.is_string()) return std::regex_match(value.get<std::string>(), decimal) ? "decimal" : "string";
  return value.type_name();
}

std::vector<std::string> kinds_of(const json& row) {
  std::vector<std::string> out;
  for (const json& v : row)
    out.push_back(kind_of(v));
  return out;
}

// An exchangeInfo symbol without its filters, which the tests compare by filterType.
json without_filters(json symbol) {
  symbol.erase("filters");
  return symbol;
}

std::map<std::string, json> filters_by_type(const json& symbol) {
  std::map<std::string, json> out;
  for (const json& f : symbol["filters"])
    out[f["filterType"].get<std::string>()] = f;
  return out;
}

class BinanceFormatTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2025-02-20T15:00:00Z"); }
};

TEST_F(BinanceFormatTest, KlinesAreTwelveElementArraysLikeTheRecording) {
  const json recorded = fixture_json("binance/http_spot_market_klines.json");
  const std::vector<std::string> expected = kinds_of(recorded[0]);
  ASSERT_EQ(expected,
            (std::vector<std::string>{"integer", "decimal", "decimal", "decimal", "decimal", "decimal",
                                      "integer", "decimal", "integer", "decimal", "decimal", "string"}));
  for (const json& row : recorded)
    EXPECT_EQ(kinds_of(row), expected);

  for (const char* target :
       {"/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=1739980800000&limit=10",
        "/api/v3/klines?symbol=ETHBTC&interval=1h&limit=30",
        "/api/v3/klines?symbol=DOGEUSDT&interval=1d&startTime=1577836800000&limit=100"}) {
    SCOPED_TRACE(target);
    const json served = sandbox_->get_json(target);
    ASSERT_TRUE(served.is_array());
    ASSERT_FALSE(served.empty());
    for (const json& row : served) {
      EXPECT_EQ(kinds_of(row), expected) << row.dump();
      EXPECT_EQ(row[11], "0");
    }
  }
}

TEST_F(BinanceFormatTest, ATickerPriceHasTheRecordedShape) {
  const json recorded = fixture_json("binance/http_spot_market_ticker_price.json");
  const json one = sandbox_->get_json("/api/v3/ticker/price?symbol=BTCUSDT");
  auto diff = structure_differences(recorded, one);
  EXPECT_TRUE(diff.empty()) << join(diff) << one.dump();
  EXPECT_EQ(kind_of(one["price"]), "decimal");
  EXPECT_EQ(kind_of(recorded["price"]), "decimal");

  const json many = sandbox_->get_json("/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22,%22ETHBTC%22%5D");
  ASSERT_EQ(many.size(), 2u);
  for (const json& item : many) {
    diff = structure_differences(recorded, item);
    EXPECT_TRUE(diff.empty()) << join(diff) << item.dump();
  }
}

TEST_F(BinanceFormatTest, ExchangeInfoHasTheRecordedShape) {
  const json recorded = fixture_json("binance/http_spot_market_exchange_info.json");
  const json served = sandbox_->get_json("/api/v3/exchangeInfo");

  json recorded_top = recorded, served_top = served;
  recorded_top["symbols"] = json::array({without_filters(recorded["symbols"][0])});
  served_top["symbols"] = json::array();
  for (const json& s : served["symbols"])
    served_top["symbols"].push_back(without_filters(s));
  auto diff = structure_differences(recorded_top, served_top);
  EXPECT_TRUE(diff.empty()) << join(diff);

  // Filters differ in shape by type: each served filter is compared with the recorded one of its type.
  const auto recorded_filters = filters_by_type(recorded["symbols"][0]);
  std::set<std::string> recorded_types;
  for (const auto& [type, f] : recorded_filters)
    recorded_types.insert(type);
  ASSERT_GT(served["symbols"].size(), 400u);
  for (const json& symbol : served["symbols"]) {
    std::set<std::string> types;
    for (const auto& [type, f] : filters_by_type(symbol)) {
      types.insert(type);
      ASSERT_TRUE(recorded_filters.count(type)) << type;
      diff = structure_differences(recorded_filters.at(type), f);
      EXPECT_TRUE(diff.empty()) << symbol["symbol"] << " " << type << ": " << join(diff);
    }
    EXPECT_EQ(types, recorded_types) << symbol["symbol"];
  }
}

TEST_F(BinanceFormatTest, ATwentyFourHourTickerHasTheDocumentedKeysInOrder) {
  // No recorded answer of ticker/24hr: the keys and types of the FULL response in rest-api.md.
  const std::vector<std::string> keys = {
      "symbol",      "priceChange", "priceChangePercent", "weightedAvgPrice", "prevClosePrice",
      "lastPrice",   "lastQty",     "bidPrice",           "bidQty",           "askPrice",
      "askQty",      "openPrice",   "highPrice",          "lowPrice",         "volume",
      "quoteVolume", "openTime",    "closeTime",          "firstId",          "lastId",
      "count"};
  const std::set<std::string> integers = {"openTime", "closeTime", "firstId", "lastId", "count"};
  // Ordered: the order of the keys is part of what is compared.
  using ordered = nlohmann::ordered_json;
  const ordered one = ordered::parse(sandbox_->get("/api/v3/ticker/24hr?symbol=BTCUSDT").body);
  const ordered many =
      ordered::parse(sandbox_->get("/api/v3/ticker/24hr?symbols=%5B%22BTCUSDT%22,%22SOLUSDT%22%5D").body);
  ASSERT_TRUE(one.is_object());
  ASSERT_EQ(many.size(), 2u);
  for (const ordered& ticker : {one, many[0], many[1]}) {
    std::vector<std::string> served_keys;
    for (const auto& [key, value] : ticker.items())
      served_keys.push_back(key);
    EXPECT_EQ(served_keys, keys);
    for (const std::string& key : keys) {
      if (key == "symbol") continue;
      if (integers.count(key)) {
        EXPECT_TRUE(ticker[key].is_number_integer()) << key;
      } else {
        ASSERT_TRUE(ticker[key].is_string()) << key;
        EXPECT_TRUE(std::regex_match(ticker[key].get<std::string>(), std::regex(R"(^-?[0-9]+\.[0-9]+$)")))
            << key;
      }
    }
  }
}

TEST_F(BinanceFormatTest, ErrorsAreBinancesCodeAndMessageBodies) {
  const auto r = sandbox_->get("/api/v3/klines?symbol=NOSUCHUSDT&interval=1d");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body, R"({"code":-1121,"msg":"Invalid symbol."})");
  EXPECT_EQ(r.headers.at("content-type"), "application/json;charset=UTF-8");
  EXPECT_TRUE(r.headers.count("x-mbx-used-weight-1m"));
}

}  // namespace
}  // namespace pricefeed::sandbox
