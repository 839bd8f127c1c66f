#include "host/redaction/SecretValues.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

class SecretValuesTest : public ::testing::Test {
 protected:
  void TearDown() override { clear_secrets(); }
};

TEST_F(SecretValuesTest, BlanksEveryOccurrenceOfARegisteredValue) {
  register_secret("CG-abc123xyz");
  EXPECT_EQ(redact_secret_values("key CG-abc123xyz rejected; retry with CG-abc123xyz"),
            "key REDACTED rejected; retry with REDACTED");
}

TEST_F(SecretValuesTest, ASecretContainingAnotherIsBlankedWhole) {
  register_secret("secret-part");
  register_secret("secret-part-and-more");
  EXPECT_EQ(redact_secret_values("[secret-part-and-more]"), "[REDACTED]");
}

TEST_F(SecretValuesTest, ShortValuesAreNotRegistered) {
  register_secret("abc");
  register_secret("");
  EXPECT_EQ(redact_secret_values("abc abc"), "abc abc");
}

TEST_F(SecretValuesTest, TextWithoutSecretsIsUnchanged) {
  register_secret("hunter2hunter2");
  EXPECT_EQ(redact_secret_values("nothing to see"), "nothing to see");
  clear_secrets();
  EXPECT_EQ(redact_secret_values("hunter2hunter2"), "hunter2hunter2");
}

}  // namespace
}  // namespace pricefeed::host
