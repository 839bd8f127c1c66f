// The schema that sql/ builds, checked against a real PostgreSQL: its tables and indexes, the
// price partitions created on demand, the event notification and the constraints that protect data.
#include <future>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/db/Migrator.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using test::TestDatabase;
using ::testing::HasSubstr;

std::int64_t insert_asset(pqxx::connection_base& connection, const std::string& symbol,
                          const std::string& asset_class) {
  pqxx::work insert(connection);
  const auto id = insert
                      .exec_params("INSERT INTO assets (symbol, asset_class) VALUES ($1, $2) RETURNING id",
                                   symbol, asset_class)[0][0]
                      .as<std::int64_t>();
  insert.commit();
  return id;
}

TEST(Schema, MigrateCreatesEveryTable) {
  TestDatabase database(TestDatabase::Schema::kEmpty);
  const MigrationReport report = Migrator(test::source_sql_directory()).migrate(database.url());
  EXPECT_FALSE(report.applied.empty());

  auto connection = database.connect();
  pqxx::nontransaction read(*connection);
  for (const char* table : {"schema_migrations", "assets", "tracked_assets", "asset_holders",
                            "transaction_events", "backfill_queue", "asset_prices", "latest_prices",
                            "portfolio_performance_cache", "price_anomalies", "price_gaps"}) {
    EXPECT_FALSE(read.exec_params("SELECT to_regclass($1)", table)[0][0].is_null())
        << "missing table " << table;
  }
  EXPECT_EQ(
      read.exec("SELECT relkind FROM pg_class WHERE oid = 'asset_prices'::regclass")[0][0].as<std::string>(),
      "p")
      << "asset_prices must be a partitioned table";

  // index -> (table, partial?)
  const auto index = [&](const std::string& name) {
    return read.exec_params(
        "SELECT i.indrelid::regclass::text, i.indpred IS NOT NULL FROM pg_index i WHERE i.indexrelid = "
        "to_regclass($1)",
        name);
  };
  for (const char* name : {"backfill_queue_due_idx", "backfill_queue_asset_idx"}) {
    const auto row = index(name);
    ASSERT_EQ(row.size(), 1u) << "missing index " << name;
    EXPECT_EQ(row[0][0].as<std::string>(), "backfill_queue");
  }
  const auto tracked = index("tracked_assets_active_idx");
  ASSERT_EQ(tracked.size(), 1u) << "missing index tracked_assets_active_idx";
  EXPECT_EQ(tracked[0][0].as<std::string>(), "tracked_assets");
  EXPECT_TRUE(tracked[0][1].as<bool>()) << "tracked_assets_active_idx must be partial";
  const auto unprocessed = index("transaction_events_unprocessed_idx");
  ASSERT_EQ(unprocessed.size(), 1u);
  EXPECT_TRUE(unprocessed[0][1].as<bool>()) << "transaction_events_unprocessed_idx must be partial";

  EXPECT_EQ(
      read.exec("SELECT count(*) FROM pg_trigger WHERE tgname = 'transaction_events_notify'")[0][0].as<int>(),
      1);
  EXPECT_EQ(read.exec("SELECT count(*) FROM pg_proc WHERE proname = 'pricefeed_ensure_price_partition'")[0][0]
                .as<int>(),
            1);
}

TEST(Schema, PricePartitionsAreCreatedOnDemandPerYear) {
  TestDatabase database;
  auto connection = database.connect();
  const std::int64_t asset = insert_asset(*connection, "AAPL", "stock");
  const auto insert_bar = [&](const std::string& ts) {
    pqxx::work write(*connection);
    write.exec_params(
        "INSERT INTO asset_prices (asset_id, resolution, ts, close, source) VALUES ($1, '1d', "
        "$2::timestamptz, 1.5, "
        "'yahoo')",
        asset, ts);
    write.commit();
  };
  const auto ensure = [&](int year) {
    pqxx::work create(*connection);
    const auto name =
        create.exec_params("SELECT pricefeed_ensure_price_partition($1)", year)[0][0].as<std::string>();
    create.commit();
    return name;
  };

  // No partition yet: the write fails loudly rather than landing in a catch-all.
  try {
    insert_bar("2023-06-01T00:00:00Z");
    FAIL() << "a bar was written without its year's partition";
  } catch (const pqxx::sql_error& error) {
    EXPECT_THAT(error.what(), HasSubstr("no partition"));
  }

  EXPECT_EQ(ensure(2023), "asset_prices_y2023");
  EXPECT_EQ(ensure(2023), "asset_prices_y2023") << "a second call must be a no-op";
  EXPECT_EQ(ensure(2024), "asset_prices_y2024");

  // Years are UTC years, whatever the session's time zone.
  {
    pqxx::nontransaction session(*connection);
    session.exec("SET TIME ZONE 'America/New_York'");
  }
  insert_bar("2023-06-01T00:00:00Z");
  insert_bar("2023-12-31T23:30:00Z");  // 18:30 on Dec 31 in New York, still 2023 in UTC
  insert_bar("2024-01-01T00:00:00Z");  // 19:00 on Dec 31 in New York, already 2024 in UTC

  pqxx::nontransaction read(*connection);
  const auto rows = read.exec(
      "SELECT tableoid::regclass::text, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM "
      "asset_prices ORDER BY "
      "ts");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0].as<std::string>(), "asset_prices_y2023");
  EXPECT_EQ(rows[1][0].as<std::string>(), "asset_prices_y2023");
  EXPECT_EQ(rows[1][1].as<std::string>(), "2023-12-31 23:30");
  EXPECT_EQ(rows[2][0].as<std::string>(), "asset_prices_y2024");

  EXPECT_EQ(read.exec("SELECT count(*) FROM pg_inherits WHERE inhparent = 'asset_prices'::regclass")[0][0]
                .as<int>(),
            2);
}

TEST(Schema, PricePartitionCreationIsSafeUnderConcurrency) {
  TestDatabase database;
  constexpr int kWriters = 6;
  std::vector<std::future<std::string>> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.push_back(std::async(std::launch::async, [&database] {
      auto connection = database.connect();
      pqxx::work create(*connection);
      const auto name = create.exec("SELECT pricefeed_ensure_price_partition(2031)")[0][0].as<std::string>();
      create.commit();
      return name;
    }));
  }
  for (auto& writer : writers)
    EXPECT_EQ(writer.get(), "asset_prices_y2031");
}

TEST(Schema, PricePartitionRefusesAnImplausibleYear) {
  TestDatabase database;
  auto connection = database.connect();
  pqxx::work create(*connection);
  EXPECT_THROW(create.exec("SELECT pricefeed_ensure_price_partition(20240)"), pqxx::sql_error);
}

// A LISTEN-ing connection that remembers what it was told.
class EventListener : public pqxx::notification_receiver {
 public:
  explicit EventListener(pqxx::connection_base& connection)
      : pqxx::notification_receiver(connection, "transaction_events") {}
  void operator()(const std::string& payload, int /*backend_pid*/) override { payloads.push_back(payload); }
  std::vector<std::string> payloads;
};

TEST(Schema, EventInsertNotifiesListeners) {
  TestDatabase database;
  auto listening = database.connect();
  EventListener listener(*listening);

  auto writing = database.connect();
  {
    pqxx::work insert(*writing);
    insert.exec(
        "INSERT INTO transaction_events (event_id, payload) VALUES ('evt-1', "
        "'{\"user_id\": \"u1\", \"type\": \"buy\", \"symbol\": \"AAPL\"}')");
    // Nothing is delivered before the commit: a listener must always find the row it is told about.
    EXPECT_EQ(listening->get_notifs(), 0);
    insert.commit();
  }

  for (int waited = 0; listener.payloads.empty() && waited < 10; ++waited)
    listening->await_notification(1, 0);
  ASSERT_EQ(listener.payloads.size(), 1u);
  EXPECT_EQ(listener.payloads[0], "evt-1");

  // A replayed event is refused by the primary key and notifies nobody.
  {
    pqxx::work replay(*writing);
    EXPECT_EQ(
        replay
            .exec("INSERT INTO transaction_events (event_id, payload) VALUES ('evt-1', '{}') ON CONFLICT "
                  "(event_id) DO NOTHING")
            .affected_rows(),
        0u);
    replay.commit();
  }
  listening->await_notification(0, 200000);
  EXPECT_EQ(listener.payloads.size(), 1u);
}

TEST(Schema, QueueStatusRejectsUnknownValue) {
  TestDatabase database;
  auto connection = database.connect();
  const std::int64_t asset = insert_asset(*connection, "BTC", "crypto");
  const auto queue_job = [&](const std::string& status) {
    pqxx::work insert(*connection);
    insert.exec_params(
        "INSERT INTO backfill_queue (asset_id, start_date, end_date, status) VALUES ($1, '2024-01-01', "
        "'2024-12-31', $2)",
        asset, status);
    insert.commit();
  };

  for (const char* status : {"pending", "in_progress", "rate_limited", "completed", "failed"}) {
    EXPECT_NO_THROW(queue_job(status)) << status;
  }
  try {
    queue_job("done");
    FAIL() << "status 'done' was accepted";
  } catch (const pqxx::check_violation& error) {
    EXPECT_THAT(error.what(), HasSubstr("backfill_queue_status_known"));
  }

  pqxx::nontransaction read(*connection);
  const auto defaults =
      read.exec("SELECT status, resolution, attempts, max_attempts FROM backfill_queue ORDER BY id LIMIT 1");
  EXPECT_EQ(defaults[0][1].as<std::string>(), "1d");
  EXPECT_EQ(defaults[0][2].as<int>(), 0);
}

TEST(Schema, QueueRejectsAReversedDateRange) {
  TestDatabase database;
  auto connection = database.connect();
  const std::int64_t asset = insert_asset(*connection, "BTC", "crypto");
  pqxx::work insert(*connection);
  EXPECT_THROW(insert.exec_params("INSERT INTO backfill_queue (asset_id, start_date, end_date) VALUES ($1, "
                                  "'2024-12-31', '2024-01-01')",
                                  asset),
               pqxx::check_violation);
}

TEST(Schema, AssetClassAndSymbolAreUnique) {
  TestDatabase database;
  auto connection = database.connect();
  insert_asset(*connection, "AAPL", "stock");
  // The same symbol in another class is another asset.
  EXPECT_NO_THROW(insert_asset(*connection, "AAPL", "crypto"));
  try {
    insert_asset(*connection, "AAPL", "stock");
    FAIL() << "a second (stock, AAPL) was accepted";
  } catch (const pqxx::unique_violation& error) {
    EXPECT_THAT(error.what(), HasSubstr("assets_asset_class_symbol_key"));
  }
  EXPECT_THROW(insert_asset(*connection, "AAPL", "etf"), pqxx::check_violation);

  pqxx::nontransaction read(*connection);
  const auto row = read.exec("SELECT source_ids::text, active FROM assets ORDER BY id LIMIT 1");
  EXPECT_EQ(row[0][0].as<std::string>(), "{}");
  EXPECT_TRUE(row[0][1].as<bool>());
}

TEST(Schema, HoldingQuantityIsExactAndNeverNegative) {
  TestDatabase database;
  auto connection = database.connect();
  const std::int64_t asset = insert_asset(*connection, "ETH", "crypto");
  {
    pqxx::work insert(*connection);
    insert.exec_params(
        "INSERT INTO asset_holders (user_id, asset_id, quantity, first_buy_date) VALUES ('u1', $1, 0.1, "
        "'2024-01-02')",
        asset);
    insert.exec_params("UPDATE asset_holders SET quantity = quantity + 0.2 WHERE asset_id = $1", asset);
    EXPECT_EQ(insert.exec("SELECT quantity::text FROM asset_holders")[0][0].as<std::string>(), "0.3");
    insert.commit();
  }
  pqxx::work oversell(*connection);
  EXPECT_THROW(
      oversell.exec_params("UPDATE asset_holders SET quantity = quantity - 1 WHERE asset_id = $1", asset),
      pqxx::check_violation);
}

}  // namespace
}  // namespace pricefeed::host
