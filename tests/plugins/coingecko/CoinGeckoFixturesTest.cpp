// Every recorded CoinGecko answer (tests/fixtures/coingecko) is read by the parser of its endpoint, so
// a fixture added later cannot go untested: the table below must name each file.

#include <functional>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "coingecko/CoinGeckoCoinsListParser.hpp"
#include "coingecko/CoinGeckoCoinsMarketsParser.hpp"
#include "coingecko/CoinGeckoErrorBody.hpp"
#include "coingecko/CoinGeckoMarketChartParser.hpp"
#include "coingecko/CoinGeckoSimplePriceParser.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::coingecko {
namespace {

using plugins::test::fixture_names;
using plugins::test::read_fixture;

// What each recorded body must give when read by its own parser.
const std::map<std::string, std::function<void(const std::string&)>>& checks() {
  static const std::map<std::string, std::function<void(const std::string&)>> table = {
      {"alephium-market_chart-alephium-btc-daily.json",
       [](const std::string& body) { EXPECT_EQ(parse_market_chart(body).prices.size(), 6u); }},
      {"alephium-simple-price-btc.json",
       [](const std::string& body) { EXPECT_EQ(parse_simple_price(body, "btc").size(), 7u); }},
      {"error-10012-range-exceeds-365d.json",
       [](const std::string& body) { EXPECT_EQ(read_coingecko_error(body)->code, 10012); }},
      {"error-404-coin-not-found.json",
       [](const std::string& body) { EXPECT_EQ(read_coingecko_error(body)->message, "coin not found"); }},
      {"error-429-rate-limit.json",
       [](const std::string& body) { EXPECT_EQ(read_coingecko_error(body)->code, 429); }},
      {"oas-example-coins-list-include_platform.json",
       [](const std::string& body) { EXPECT_EQ(parse_coins_list(body).size(), 2u); }},
      {"oas-example-coins-markets.json",
       [](const std::string& body) { EXPECT_EQ(parse_coins_markets(body).size(), 1u); }},
      {"oas-example-market-chart-range.json",
       [](const std::string& body) { EXPECT_EQ(parse_market_chart(body).prices.size(), 2u); }},
      {"oas-example-market-chart.json",
       [](const std::string& body) { EXPECT_EQ(parse_market_chart(body).total_volumes.size(), 2u); }},
      {"oas-example-simple-price.json",
       [](const std::string& body) { EXPECT_EQ(parse_simple_price(body, "usd").count("bitcoin"), 1u); }},
  };
  return table;
}

TEST(CoinGeckoFixtures, EveryRecordedAnswerIsReadByItsParser) {
  const auto names = fixture_names("coingecko", "", ".json");
  ASSERT_FALSE(names.empty());
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const auto check = checks().find(name);
    ASSERT_NE(check, checks().end()) << "a recorded CoinGecko answer no test reads: add it to the table";
    check->second(read_fixture("coingecko", name));
  }
  EXPECT_EQ(names.size(), checks().size()) << "the table names a fixture that is gone";
}

TEST(CoinGeckoFixtures, NoDataBodyIsMistakenForAnErrorNorAnErrorForData) {
  for (const std::string& name : fixture_names("coingecko", "", ".json")) {
    SCOPED_TRACE(name);
    const std::string body = read_fixture("coingecko", name);
    const bool recorded_error = name.rfind("error-", 0) == 0;
    EXPECT_EQ(read_coingecko_error(body).has_value(), recorded_error);
  }
}

}  // namespace
}  // namespace pricefeed::coingecko
