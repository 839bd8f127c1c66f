#include "host/cli/ConfigSecrets.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

SourceConfig source(std::string name, std::string table_json) {
  SourceConfig s;
  s.name = std::move(name);
  s.table_json = std::move(table_json);
  return s;
}

TEST(ConfigSecrets, SecretLookingSourceKeysTheTokenAndTheDatabasePassword) {
  Config config;
  config.database.url = "postgresql://pricefeed:db%40pass@db.internal/pricefeed?sslmode=require";
  config.http.auth_token = "api-bearer-token";
  config.sources = {
      source("coingecko",
             R"({"base_url":"https://api.coingecko.com/api/v3","api_key":"CG-123456","api_plan":"demo"})"),
      source("custom",
             R"({"auth":{"client_secret":"cs-987654","region":"eu"},"tokens":["t-1111111"],"limit":5})")};
  EXPECT_THAT(config_secrets(config),
              UnorderedElementsAre("api-bearer-token", "db@pass", "CG-123456", "cs-987654", "t-1111111"));
}

TEST(ConfigSecrets, APasswordInTheQueryCounts) {
  Config config;
  config.database.url = "postgresql://h/db?user=app&password=q-secret";
  EXPECT_THAT(config_secrets(config), UnorderedElementsAre("q-secret"));
}

TEST(ConfigSecrets, EverySecretParameterOfEitherDatabaseUrlFormCounts) {
  Config config;
  config.database.url = "postgresql://app@db/pricefeed?sslmode=verify-full&sslpassword=key-pass-1";
  EXPECT_THAT(config_secrets(config), UnorderedElementsAre("key-pass-1"));
  config.database.url = "host=db user=app password=kw-secret sslpassword='key pass 2' dbname=pricefeed";
  EXPECT_THAT(config_secrets(config), UnorderedElementsAre("kw-secret", "key pass 2"));
}

TEST(ConfigSecrets, TheSessionUrlsPasswordCountsToo) {
  Config config;
  config.database.url = "postgresql://app:pooled-pass@bouncer:6432/pricefeed";
  config.database.session_url = "postgresql://app:direct-pass@db/pricefeed";
  EXPECT_THAT(config_secrets(config), UnorderedElementsAre("pooled-pass", "direct-pass"));
}

TEST(ConfigSecrets, NothingSecretNothingFound) {
  Config config;
  config.database.url = "postgresql:///pricefeed";
  config.sources = {
      source("yahoo", R"({"base_url":"https://query1.finance.yahoo.com","requests_per_minute":33})"),
      source("broken", "not json")};
  EXPECT_THAT(config_secrets(config), IsEmpty());
}

}  // namespace
}  // namespace pricefeed::host
