// CoinGecko's three ways of explaining a refusal, from the recorded bodies and their variants.

#include <gtest/gtest.h>

#include "coingecko/CoinGeckoErrorBody.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::coingecko {
namespace {

using plugins::test::read_fixture;

TEST(CoinGeckoErrorBody, TheHistoryLimitIsNestedUnderError) {
  const auto error = read_coingecko_error(read_fixture("coingecko", "error-10012-range-exceeds-365d.json"));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, kHistoryLimitErrorCode);
  EXPECT_EQ(
      error->describe().rfind("error 10012: Your request exceeds the allowed time range. Public API users "
                              "are limited to querying historical data within the past 365 days.",
                              0),
      0u)
      << error->describe();
  EXPECT_NE(error->describe().back(), ' ') << "CoinGecko's trailing space is trimmed";
}

TEST(CoinGeckoErrorBody, TheRateLimitHasItsStatusAtTheTop) {
  const auto error = read_coingecko_error(read_fixture("coingecko", "error-429-rate-limit.json"));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, 429);
  EXPECT_EQ(error->message.rfind("You've exceeded the Rate Limit.", 0), 0u);
}

TEST(CoinGeckoErrorBody, AnUnknownCoinIsAPlainString) {
  const auto error = read_coingecko_error(read_fixture("coingecko", "error-404-coin-not-found.json"));
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->code);
  EXPECT_EQ(error->describe(), "coin not found");
}

TEST(CoinGeckoErrorBody, KeyErrorsKeepTheirCode) {
  const auto error =
      read_coingecko_error(R"({"status":{"error_code":10002,"error_message":"API Key Missing"}})");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->describe(), "error 10002: API Key Missing");
}

TEST(CoinGeckoErrorBody, DataAndGarbageAreNotErrors) {
  for (const char* body :
       {"", "{", "<html>error</html>", "[]", R"({"prices":[]})", R"({"error":42})", R"({"status":"ok"})",
        R"({"status":{"usd":1.0}})", R"({"error":{"status":{}}})", R"(["error"])", R"({"error":null})"}) {
    SCOPED_TRACE(body);
    EXPECT_FALSE(read_coingecko_error(body));
  }
}

TEST(CoinGeckoErrorBody, ACodeOfAnotherTypeLeavesTheMessage) {
  const auto error = read_coingecko_error(R"({"status":{"error_code":"10012","error_message":"odd"}})");
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->code);
  EXPECT_EQ(error->describe(), "odd");
}

}  // namespace
}  // namespace pricefeed::coingecko
