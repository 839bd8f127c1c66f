// The gauges /metrics reads from PostgreSQL at scrape time, on a real database, and what a scrape
// shows when the database cannot be read.
#include "host/metrics/DatabaseMetrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using test::TestDatabase;
using ::testing::HasSubstr;
using ::testing::Not;

class DatabaseMetricsTest : public ::testing::Test {
 protected:
  TestDatabase database;
  std::unique_ptr<pqxx::connection> sql = database.connect();
  ConnectionPool pool{database.url(), 2, 2s};
  BackfillQueue queue{pool};
  MetricsRegistry registry;

  std::int64_t track(const std::string& symbol, int holders) {
    pqxx::work tx(*sql);
    const auto id =
        tx.exec_params1("INSERT INTO assets (symbol, asset_class) VALUES ($1, 'stock') RETURNING id",
                        symbol)[0]
            .as<std::int64_t>();
    tx.exec_params("INSERT INTO tracked_assets (asset_id, tracking_users) VALUES ($1, $2)", id, holders);
    tx.commit();
    return id;
  }
};

TEST_F(DatabaseMetricsTest, AScrapeShowsTheQueueByStatusAndTheAssetsThatHaveHolders) {
  const auto held = track("AAPL", 2);
  track("MSFT", 1);
  track("OLD", 0);
  {
    pqxx::work tx(*sql);
    BackfillQueue::enqueue(tx, held, sys_days{2024y / January / 1}, sys_days{2024y / December / 31},
                           Resolution::day, 5);
    tx.commit();
  }
  DatabaseMetrics metrics(registry, pool, queue);
  const std::string text = registry.expose();
  EXPECT_THAT(text, HasSubstr("\npricefeed_database_up 1\n"));
  EXPECT_THAT(text, HasSubstr("\npricefeed_jobs{status=\"pending\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("\npricefeed_jobs{status=\"failed\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("\npricefeed_jobs_due 1\n"));
  EXPECT_THAT(text, HasSubstr("\npricefeed_jobs_failed_last_24h 0\n"));
  EXPECT_THAT(text, HasSubstr("\npricefeed_tracked_assets 2\n"));
}

TEST_F(DatabaseMetricsTest, AQueryGaugeTakesItsLabelsFromTheFirstColumnsAndItsValueFromTheLast) {
  track("AAPL", 2);
  track("OLD", 0);
  DatabaseMetrics metrics(registry, pool, queue);
  metrics.add_query_gauge("pricefeed_test_assets", "Assets by holding.", {"held"},
                          "SELECT (tracking_users > 0)::text, count(*) FROM tracked_assets GROUP BY 1");
  const std::string text = registry.expose();
  EXPECT_THAT(text, HasSubstr("\npricefeed_test_assets{held=\"false\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("\npricefeed_test_assets{held=\"true\"} 1\n"));
}

TEST_F(DatabaseMetricsTest, ABrokenQueryGaugeLosesOnlyItsOwnSamples) {
  track("AAPL", 1);
  DatabaseMetrics metrics(registry, pool, queue);
  metrics.add_query_gauge("pricefeed_test_broken", "No such table.", {},
                          "SELECT count(*) FROM no_such_table");
  metrics.add_query_gauge("pricefeed_test_columns", "Too many columns.", {}, "SELECT 1, 2");
  const std::string text = registry.expose();
  EXPECT_THAT(text, HasSubstr("\npricefeed_database_up 1\n"));
  EXPECT_THAT(text, HasSubstr("\npricefeed_tracked_assets 1\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE pricefeed_test_broken gauge\n"));
  EXPECT_THAT(text, Not(HasSubstr("\npricefeed_test_broken ")));
  EXPECT_THAT(text, Not(HasSubstr("\npricefeed_test_columns ")));
}

TEST(DatabaseMetrics, AnUnreachableDatabaseIsDatabaseUpZeroWithNoDatabaseSamples) {
  ConnectionPool pool("postgresql://postgres@127.0.0.1:1/pricefeed", 2, 200ms);
  BackfillQueue queue(pool);
  MetricsRegistry registry;
  registry.gauge("pricefeed_in_process", "Recorded in the process.").labels().set(7);
  DatabaseMetrics metrics(registry, pool, queue);
  const std::string text = registry.expose();
  EXPECT_THAT(text, HasSubstr("\npricefeed_database_up 0\n"));
  EXPECT_THAT(text, HasSubstr("\npricefeed_in_process 7\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE pricefeed_jobs gauge\n"));
  EXPECT_THAT(text, Not(HasSubstr("pricefeed_jobs{")));
  EXPECT_THAT(text, Not(HasSubstr("\npricefeed_tracked_assets ")));
}

}  // namespace
}  // namespace pricefeed::host
