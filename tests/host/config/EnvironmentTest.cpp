#include "host/config/Environment.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/config/ConfigError.hpp"
#include "host/config/DotEnvFile.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(EnvironmentTest, DotEnvFillsMissingVariables) {
  pricefeed::test::TemporaryDirectory directory;
  auto dotenv = directory.write_file(".env", "DATABASE_URL=postgresql://dotenv/db\nCOINGECKO_API_KEY=CG-1\n");
  auto environment = Environment::with_dotenv({{"PATH", "/usr/bin"}}, dotenv);
  EXPECT_EQ(environment.get("DATABASE_URL"), "postgresql://dotenv/db");
  EXPECT_EQ(environment.get("COINGECKO_API_KEY"), "CG-1");
  EXPECT_EQ(environment.get("PATH"), "/usr/bin");
}

TEST(EnvironmentTest, RealEnvironmentBeatsDotEnv) {
  pricefeed::test::TemporaryDirectory directory;
  auto dotenv = directory.write_file(".env", "DATABASE_URL=postgresql://dotenv/db\n");
  auto environment = Environment::with_dotenv({{"DATABASE_URL", "postgresql://real/db"}}, dotenv);
  EXPECT_EQ(environment.get("DATABASE_URL"), "postgresql://real/db");
}

TEST(EnvironmentTest, RealVariableSetToEmptyStillBeatsDotEnv) {
  pricefeed::test::TemporaryDirectory directory;
  auto dotenv = directory.write_file(".env", "TOKEN=from-file\n");
  EXPECT_EQ(Environment::with_dotenv({{"TOKEN", ""}}, dotenv).get("TOKEN"), "");
}

TEST(EnvironmentTest, MissingDotEnvIsFine) {
  pricefeed::test::TemporaryDirectory directory;
  auto environment = Environment::with_dotenv({{"A", "1"}}, directory.path() / ".env");
  EXPECT_EQ(environment.variables().size(), 1u);
}

TEST(EnvironmentTest, UnsetVariableIsNullopt) {
  Environment environment({{"SET_BUT_EMPTY", ""}});
  EXPECT_EQ(environment.get("NOT_SET"), std::nullopt);
  EXPECT_EQ(environment.get("SET_BUT_EMPTY"), "");
  EXPECT_TRUE(environment.contains("SET_BUT_EMPTY"));
}

TEST(EnvironmentTest, ProcessEnvironmentIsRead) {
  // Read-only: the test harness sets PRICEFEED_SOURCE_DIR; tests never set variables themselves.
  const char* expected = std::getenv("PRICEFEED_SOURCE_DIR");
  if (expected == nullptr) GTEST_SKIP() << "PRICEFEED_SOURCE_DIR is not set; run through ctest";
  EXPECT_EQ(Environment(process_environment_variables()).get("PRICEFEED_SOURCE_DIR"), expected);
}

TEST(DotEnvTest, ParsesExportQuotesAndComments) {
  auto variables = parse_dotenv(R"(# a comment line

export EXPORTED=yes
PLAIN=value with spaces   # trailing comment
HASH=pass#word
SINGLE='literal ${NOT} \n expanded'   # comment
DOUBLE="line\none \"quoted\" \$5"
SPACED = around equals
EMPTY=
EMPTY_QUOTES=""
WINDOWS=crlf)"
                                "\r\n",
                                ".env");
  EXPECT_EQ(variables.at("EXPORTED"), "yes");
  EXPECT_EQ(variables.at("PLAIN"), "value with spaces");
  EXPECT_EQ(variables.at("HASH"), "pass#word");
  EXPECT_EQ(variables.at("SINGLE"), "literal ${NOT} \\n expanded");
  EXPECT_EQ(variables.at("DOUBLE"), "line\none \"quoted\" $5");
  EXPECT_EQ(variables.at("SPACED"), "around equals");
  EXPECT_EQ(variables.at("EMPTY"), "");
  EXPECT_EQ(variables.at("EMPTY_QUOTES"), "");
  EXPECT_EQ(variables.at("WINDOWS"), "crlf");
  EXPECT_EQ(variables.size(), 9u);
}

TEST(DotEnvTest, LaterAssignmentWins) {
  EXPECT_EQ(parse_dotenv("A=1\nA=2\n", ".env").at("A"), "2");
}

TEST(DotEnvTest, MalformedLineNamesFileAndLine) {
  try {
    parse_dotenv("GOOD=1\n\nsk-live-abcdef\n", "/srv/pricefeed/.env");
    FAIL() << "accepted a line without '='";
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(), "/srv/pricefeed/.env:3: expected NAME=VALUE");
    EXPECT_THAT(error.what(), Not(HasSubstr("sk-live"))) << "a stray secret is never echoed";
  }
}

TEST(DotEnvTest, BadNamesAndQuotesAreErrors) {
  EXPECT_THROW(parse_dotenv("1ABC=x\n", ".env"), ConfigError);
  EXPECT_THROW(parse_dotenv("A-B=x\n", ".env"), ConfigError);
  EXPECT_THROW(parse_dotenv("A=\"unterminated\n", ".env"), ConfigError);
  EXPECT_THROW(parse_dotenv("A='unterminated\n", ".env"), ConfigError);
  EXPECT_THROW(parse_dotenv("A=\"x\" trailing\n", ".env"), ConfigError);
}

TEST(DotEnvTest, DotEnvErrorsNameTheVariable) {
  try {
    parse_dotenv("A=1\nB=\"open\n", ".env");
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(), ".env:2: B: unterminated double quote (values must fit on one line)");
  }
}

}  // namespace
}  // namespace pricefeed::host
