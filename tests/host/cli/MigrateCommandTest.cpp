// `pricefeed migrate` end to end against a real, private PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;

TEST(MigrateCommand, CreatesEveryTableThenFindsNothingToDo) {
  TestDatabase db(TestDatabase::Schema::kEmpty);
  std::map<std::string, std::string> env{{"DATABASE_URL", db.url()}};

  auto first = run_pricefeed({"migrate"}, env);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("applied"));

  auto second = run_pricefeed({"migrate"}, env);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("nothing to apply"));

  auto conn = db.connect();
  pqxx::work tx(*conn);
  for (const char* table : {"assets", "tracked_assets", "asset_holders", "transaction_events",
                            "backfill_queue", "asset_prices", "latest_prices", "portfolio_performance_cache",
                            "price_anomalies", "price_gaps", "schema_migrations"}) {
    auto found =
        tx.exec_params1("SELECT to_regclass($1) IS NOT NULL", std::string("public.") + table)[0].as<bool>();
    EXPECT_TRUE(found) << table;
  }
}

TEST(MigrateCommand, UnreachableDatabaseFailsNamingTheRedactedUrl) {
  auto r = run_pricefeed({"--log-format", "text", "migrate"},
                         {{"DATABASE_URL", "postgresql://app:hunter2@127.0.0.1:1/pricefeed"}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err,
              HasSubstr("cannot connect to PostgreSQL at postgresql://REDACTED@127.0.0.1:1/pricefeed"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("hunter2")));
}

// An installed binary's migrations come from a directory found at run time: the log names it, so an
// operator can tell which sql/ was applied.
TEST(MigrateCommand, NamesTheMigrationsDirectoryBeforeConnecting) {
  const std::string sql_directory = source_sql_directory().string();
  auto r = run_pricefeed(
      {"--log-format", "text", "migrate"},
      {{"DATABASE_URL", "postgresql://127.0.0.1:1/pricefeed"}, {"PRICEFEED_SQL_DIR", sql_directory}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("reading migrations"));
  EXPECT_THAT(r.err, HasSubstr(sql_directory));
}

}  // namespace
}  // namespace pricefeed::test
