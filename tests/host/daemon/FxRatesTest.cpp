// Currency conversion for portfolio values: minor units, inverse pairs, crosses, pegged stablecoins.
#include "host/daemon/FxRates.hpp"

#include <gtest/gtest.h>

#include "host/daemon/CurrencyUnit.hpp"
#include "host/daemon/PortfolioValuation.hpp"

namespace pricefeed::host {
namespace {

TEST(CurrencyUnit, MinorUnitsAreAHundredthOfTheirCurrency) {
  EXPECT_EQ(major_unit("GBp").currency, "GBP");
  EXPECT_DOUBLE_EQ(major_unit("GBp").factor, 0.01);
  EXPECT_EQ(major_unit("GBX").currency, "GBP");
  EXPECT_EQ(major_unit("ZAc").currency, "ZAR");
  EXPECT_EQ(major_unit("ILA").currency, "ILS");
  EXPECT_EQ(major_unit("USX").currency, "USD");  // corn futures, quoted in cents
  EXPECT_DOUBLE_EQ(major_unit("USX").factor, 0.01);
  EXPECT_DOUBLE_EQ(major_unit("GBP").factor, 1.0);
  EXPECT_EQ(major_unit("eur").currency, "EUR");
}

TEST(CurrencyUnit, DollarStablecoinsCountAsDollars) {
  EXPECT_EQ(major_unit("USDT").currency, "USD");
  EXPECT_EQ(major_unit("USDC").currency, "USD");
  EXPECT_DOUBLE_EQ(major_unit("USDT").factor, 1.0);
}

TEST(FxRates, ConvertsDirectlyAndThroughTheInversePair) {
  FxRates rates;
  rates.add_pair("EURUSD", 1.25);
  EXPECT_DOUBLE_EQ(*rates.convert(100, "EUR", "USD"), 125);
  EXPECT_DOUBLE_EQ(*rates.convert(125, "USD", "EUR"), 100);
  EXPECT_DOUBLE_EQ(*rates.convert(7, "USD", "USD"), 7);
}

TEST(FxRates, PenceAreConvertedAsHundredthsOfAPound) {
  FxRates rates;
  rates.add_pair("GBPUSD", 1.3);
  EXPECT_NEAR(*rates.convert(25050, "GBp", "USD"), 325.65, 1e-9);
  EXPECT_NEAR(*rates.convert(1.3, "USD", "GBp"), 100, 1e-9);
}

TEST(FxRates, CrossesThroughOneCommonCurrency) {
  FxRates rates;
  rates.add_pair("GBPUSD", 1.3);
  rates.add_pair("EURUSD", 1.1);
  EXPECT_NEAR(*rates.convert(100, "GBP", "EUR"), 100 * 1.3 / 1.1, 1e-9);
}

TEST(FxRates, AnUnlinkedCurrencyHasNoRate) {
  FxRates rates;
  rates.add_pair("EURUSD", 1.1);
  EXPECT_FALSE(rates.convert(1, "JPY", "USD"));
  rates.add_pair("JPYUSD", 0);  // ignored: not a rate
  EXPECT_FALSE(rates.convert(1, "JPY", "USD"));
}

TEST(PricesUpdatedPayloads, StayUnderPostgresPayloadLimit) {
  std::vector<std::int64_t> ids;
  for (std::int64_t id = 1'000'000; id < 1'010'000; ++id)
    ids.push_back(id);
  const auto payloads = prices_updated_payloads(ids);
  ASSERT_GT(payloads.size(), 1u);
  std::size_t count = 0;
  for (const auto& payload : payloads) {
    EXPECT_LT(payload.size(), 8000u);
    EXPECT_EQ(payload.rfind("{\"asset_ids\":[", 0), 0u);
    count += static_cast<std::size_t>(std::count(payload.begin(), payload.end(), ',')) + 1;
  }
  EXPECT_EQ(count, ids.size());
  EXPECT_EQ(prices_updated_payloads({7, 8}), std::vector<std::string>{R"({"asset_ids":[7,8]})"});
  EXPECT_TRUE(prices_updated_payloads({}).empty());
}

}  // namespace
}  // namespace pricefeed::host
