#include "host/redaction/TextRedaction.hpp"

#include <gtest/gtest.h>

#include "host/redaction/SecretValues.hpp"

namespace pricefeed::host {
namespace {

TEST(TextRedaction, RedactsTheSecretsOfEveryUrlInProse) {
  EXPECT_EQ(redact_text("GET https://api.coingecko.com/api/v3/coins/list?x_cg_demo_api_key=abc123 failed: "
                        "timeout; then \"http://h/p?token=t1&page=2\" answered 500"),
            "GET https://api.coingecko.com/api/v3/coins/list?x_cg_demo_api_key=REDACTED failed: timeout; "
            "then \"http://h/p?token=REDACTED&page=2\" answered 500");
}

TEST(TextRedaction, RedactsCredentialsInDatabaseUrls) {
  EXPECT_EQ(redact_text("cannot connect to postgresql://pricefeed:s3cret@db.internal:5432/pricefeed"),
            "cannot connect to postgresql://REDACTED@db.internal:5432/pricefeed");
}

TEST(TextRedaction, RedactsEveryCredentialOfBothLibpqForms) {
  EXPECT_EQ(
      redact_text("cannot connect to postgresql://app:pw@db:5432/pf?sslmode=verify-full&sslpassword=k3y"),
      "cannot connect to postgresql://REDACTED@db:5432/pf?sslmode=verify-full&sslpassword=REDACTED");
  EXPECT_EQ(redact_text("cannot connect to host=db user=app password=pw sslpassword='k 3y' dbname=pf"),
            "cannot connect to host=db user=app password=REDACTED sslpassword='REDACTED' dbname=pf");
}

TEST(TextRedaction, RedactsBearerCredentials) {
  EXPECT_EQ(redact_text("upstream echoed Authorization: Bearer abc.def-123"),
            "upstream echoed Authorization: Bearer REDACTED");
}

TEST(TextRedaction, BlanksRegisteredValuesOutsideUrls) {
  register_secret("CG-demo-key-42");
  EXPECT_EQ(redact_text("upstream said: invalid key 'CG-demo-key-42'"),
            "upstream said: invalid key 'REDACTED'");
  clear_secrets();
}

TEST(TextRedaction, LeavesTextWithoutSecretsAlone) {
  for (const char* text :
       {"", "job 12 completed", "see https://query1.finance.yahoo.com/v8/finance/chart/AAPL",
        "ratio 3://4 is not a URL", "://", "a :// b"}) {
    EXPECT_EQ(redact_text(text), text) << text;
  }
}

TEST(TextRedaction, AUrlThatDoesNotParseLosesItsQueryAndUserInfo) {
  EXPECT_EQ(redact_text("bad https://u:p@h/%zz?apikey=k end"), "bad https://REDACTED@h/%zz?REDACTED end");
}

}  // namespace
}  // namespace pricefeed::host
