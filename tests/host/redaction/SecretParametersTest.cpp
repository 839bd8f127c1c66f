#include "host/redaction/SecretParameters.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using ::testing::ElementsAre;

TEST(SecretParameters, HidesEverySecretOfALibpqConninfo) {
  EXPECT_EQ(redact_secret_parameters("host=db.internal port=5432 user=app password=hunter2 "
                                     "sslpassword=k3y-pass dbname=pricefeed"),
            "host=db.internal port=5432 user=app password=REDACTED sslpassword=REDACTED dbname=pricefeed");
}

TEST(SecretParameters, AQuotedConninfoValueIsHiddenWholeAndKeepsItsQuotes) {
  EXPECT_EQ(redact_secret_parameters("host=db password = 'a \\' secret' dbname=pricefeed"),
            "host=db password = 'REDACTED' dbname=pricefeed");
}

TEST(SecretParameters, HidesEveryNameThatLooksSecret) {
  EXPECT_EQ(redact_secret_parameters("passwd=a pwd=b client_secret=c token=d key=e apikey=f api_key=g "
                                     "limit=10"),
            "passwd=REDACTED pwd=REDACTED client_secret=REDACTED token=REDACTED key=REDACTED "
            "apikey=REDACTED api_key=REDACTED limit=10");
}

TEST(SecretParameters, AQueryStringOutsideAUrlKeepsItsOtherParameters) {
  EXPECT_EQ(redact_secret_parameters("query symbol=AAPL&apikey=abc123&page=2 failed"),
            "query symbol=AAPL&apikey=REDACTED&page=2 failed");
}

TEST(SecretParameters, AJsonMemberNamedLikeASecretKeepsValidJson) {
  EXPECT_EQ(redact_secret_parameters(R"({"error": "bad key", "api_key": "CG-abc", "status": 401})"),
            R"({"error": "bad key", "api_key": "REDACTED", "status": 401})");
  // Inside a JSON string, an escaped quote ends the value and survives.
  EXPECT_EQ(redact_secret_parameters(R"({"message": "password=hunter2\" was refused"})"),
            R"({"message": "password=REDACTED\" was refused"})");
}

TEST(SecretParameters, AJsonMemberWhoseValueIsNotAStringIsData) {
  // `pricefeed calendar --format json` prints "sessions": [...]; /health/sources has "tokens": 4.5.
  const std::string json = R"({"sessions": [{"open": "09:30"}], "tokens": 4.5, "passes": {"n": 3}})";
  EXPECT_EQ(redact_secret_parameters(json), json);
}

TEST(SecretParameters, AnAuthorizationHeaderKeepsItsSchemeAndLosesItsCredentials) {
  EXPECT_EQ(redact_secret_parameters("request headers: Authorization: Bearer eyJhbGciOi.x-y_z== Accept: */*"),
            "request headers: Authorization: Bearer REDACTED Accept: */*");
  EXPECT_EQ(redact_secret_parameters(R"({"authorization": "Basic dXNlcjpwYXNz"})"),
            R"({"authorization": "Basic REDACTED"})");
}

TEST(SecretParameters, ProseAndUsageHintsAreLeftAlone) {
  for (const char* text :
       {"authorization: missing or wrong bearer token (send \"Authorization: Bearer <token>\")",
        "token: not set", "if key == value", "job 12 completed", "password=", "key=''", "= x", ""}) {
    EXPECT_EQ(redact_secret_parameters(text), text) << text;
  }
}

TEST(SecretParameters, ValuesAreTheHiddenPartsAsWritten) {
  EXPECT_THAT(secret_parameter_values("postgresql://app@db/pf?sslpassword=s1&sslmode=require&password=p2"),
              ElementsAre("s1", "p2"));
  EXPECT_THAT(secret_parameter_values("host=db password='a b' sslpassword=c"), ElementsAre("a b", "c"));
  EXPECT_THAT(secret_parameter_values("host=db user=app"), ElementsAre());
}

}  // namespace
}  // namespace pricefeed::host
