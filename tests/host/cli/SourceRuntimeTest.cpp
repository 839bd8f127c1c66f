// Which limiter each source of a running host gets from its limit_scope: the shared bucket in
// PostgreSQL by default, the in-process one for "host".

#include "host/cli/SourceRuntime.hpp"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "host/config/ConfigLoader.hpp"
#include "host/ratelimit/ClusterRateLimiter.hpp"
#include "host/ratelimit/RateLimiter.hpp"
#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

TEST(SourceRuntimeTest, SourcesShareTheirBucketInTheDatabaseUnlessScopedToTheHost) {
  test::TestDatabase database;
  const LoadedConfig loaded = load_config_text(
      test::database_and_plugins_toml(database) + test::source_toml("yahoo", "http://127.0.0.1:1", 120, 7) +
          test::source_toml("binance", "http://127.0.0.1:1") + "limit_scope = \"host\"\n",
      "source_runtime_test", "", Environment{});
  SourceRuntime sources(loaded.config);

  EXPECT_NE(dynamic_cast<ClusterRateLimiter*>(sources.limiters().at("yahoo").get()), nullptr);
  EXPECT_NE(dynamic_cast<RateLimiter*>(sources.limiters().at("binance").get()), nullptr);

  auto connection = database.connect();
  pqxx::nontransaction tx(*connection);
  const pqxx::result buckets = tx.exec("SELECT source, requests_per_minute, burst FROM source_rate_limits");
  ASSERT_EQ(buckets.size(), 1u) << "only the cluster-scoped source has a shared bucket";
  EXPECT_EQ(buckets[0][0].as<std::string>(), "yahoo");
  EXPECT_EQ(buckets[0][1].as<double>(), 120);
  EXPECT_EQ(buckets[0][2].as<int>(), 7);
}

}  // namespace
}  // namespace pricefeed::host
