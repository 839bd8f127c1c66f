#include "host/redaction/UrlRedaction.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

TEST(UrlRedaction, RedactsSecretQueryParametersAndKeepsTheRest) {
  EXPECT_EQ(
      redact_url(
          "https://api.coingecko.com/api/v3/coins/list?x_cg_demo_api_key=abc123&include_platform=false"),
      "https://api.coingecko.com/api/v3/coins/list?x_cg_demo_api_key=REDACTED&include_platform=false");
  EXPECT_EQ(
      redact_url("https://q.example/v7/quote?symbols=AAPL&crumb=Zx9.q&apikey=k&access_token=t&signature=s"),
      "https://q.example/v7/quote?symbols=AAPL&crumb=REDACTED&apikey=REDACTED&access_token=REDACTED&"
      "signature=REDACTED");
}

TEST(UrlRedaction, RecognisesEncodedAndUpperCaseNames) {
  EXPECT_EQ(redact_url("http://h/p?API%5FKEY=secret"), "http://h/p?API%5FKEY=REDACTED");
  EXPECT_EQ(redact_url("http://h/p?Token=secret"), "http://h/p?Token=REDACTED");
}

TEST(UrlRedaction, RedactsUserInfo) {
  EXPECT_EQ(redact_url("https://user:hunter2@example.com/x"), "https://REDACTED@example.com/x");
}

TEST(UrlRedaction, LeavesUrlsWithoutSecretsAlone) {
  EXPECT_EQ(redact_url("https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=1000"),
            "https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=1000");
  EXPECT_EQ(redact_url("https://example.com/a?flag&key"), "https://example.com/a?flag&key");
}

TEST(UrlRedaction, UnparseableUrlIsShownWithoutQueryOrUserInfo) {
  const std::string shown = redact_url("https://me:pw@exa mple.com/path?api_key=secret");
  EXPECT_EQ(shown.find("secret"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("pw"), std::string::npos) << shown;
  EXPECT_EQ(shown, "https://REDACTED@exa mple.com/path?REDACTED");
}

}  // namespace
}  // namespace pricefeed::host
