// `pricefeed serve` through PgBouncer in transaction pooling mode (docs/cluster.md "Through
// PgBouncer"), started by the test with two server connections: [database] url points at PgBouncer,
// session_url straight at PostgreSQL. Buys over HTTP complete their backfills through the staging
// COPY, an event another application inserts is picked up through LISTEN, the daemon's tick writes
// latest prices and /health is ok. Without session_url, serve and migrate refuse to run.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/e2e/PgBouncerProcess.hpp"
#include "tests/e2e/ServeProcess.hpp"
#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

// Few enough that serve's transactions queue for them and move from one to the other.
constexpr int kServerConnections = 2;

std::string buy_event(const std::string& event_id, const std::string& symbol) {
  return R"({"event_id":")" + event_id + R"(","user_id":"u-1","type":"buy","symbol":")" + symbol +
         R"(","asset_class":"stock","date":")" + iso_days_ago(20) +
         R"(","quantity":"10","price":"100","currency":"USD"})";
}

std::int64_t scalar(const TestDatabase& db, const std::string& sql) {
  return query(db, sql)[0][0].as<std::int64_t>();
}

// Polls `sql` (one integer) until it is at least `wanted` or `timeout` passes; returns the last value.
std::int64_t wait_for_at_least(const TestDatabase& db, const std::string& sql, std::int64_t wanted,
                               std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::int64_t value = scalar(db, sql);
  while (value < wanted && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
    value = scalar(db, sql);
  }
  return value;
}

bool log_has(const ServeProcess& serve, const std::string& text) {
  return serve.log_tail(100000).find(text) != std::string::npos;
}

class PgBouncerEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto binary = find_pgbouncer();
    if (!binary) {
      const std::string message =
          "pgbouncer is not installed: install the Debian package pgbouncer to run serve through it";
      if (std::getenv("CI") != nullptr) FAIL() << message;
      GTEST_SKIP() << message;
    }
    bouncer_ = std::make_unique<PgBouncerProcess>(*binary, test_postgres_server_url(), kServerConnections);
  }

  // serve's config with [database] url through PgBouncer and `session_keys` (whole lines) after it.
  std::filesystem::path serve_config(unsigned short port, const std::string& yahoo_url,
                                     const std::string& session_keys) {
    return dir_.write_file(
        "pricefeed.toml",
        "[database]\nurl = \"" + bouncer_->url(db_.name()) + "\"\n" + session_keys + "[plugins]\ndirs = [\"" +
            std::string(PRICEFEED_PLUGIN_BUILD_DIR) +
            "\"]\nenable_unconfigured = false\n[http]\nlisten = \"127.0.0.1:" + std::to_string(port) +
            "\"\n[worker]\nlookback_days = 30\n[daemon]\ninterval_minutes = 1\n" +
            "trading_hours_only = false\nexchanges_file = \"" + std::string(PRICEFEED_EXCHANGES_FILE) +
            "\"\n" + source_toml("yahoo", yahoo_url) + "[routing]\nstock = [\"yahoo\"]\n");
  }

  TestDatabase db_;
  TemporaryDirectory dir_;
  std::unique_ptr<PgBouncerProcess> bouncer_;
};

TEST_F(PgBouncerEndToEnd, ServeWorksThroughTransactionPoolingWithASessionUrlForListen) {
  sandbox::SandboxProcess upstream;
  const unsigned short port = free_port();
  const auto config = serve_config(port, upstream.base_url(), "session_url = \"" + db_.url() + "\"\n");
  ServeProcess serve(config, dir_.path() / "serve.log");

  // Another application inserts an event through PgBouncer once serve listens (the sweep at the
  // start is done then, the next comes 60 s later); its trigger's NOTIFY reaches serve's LISTEN on
  // session_url, and the event is handled within seconds.
  for (int i = 0; i < 100 && !log_has(serve, "listening for transaction events"); ++i)
    std::this_thread::sleep_for(100ms);
  ASSERT_TRUE(log_has(serve, "listening for transaction events")) << serve.log_tail(40);
  {
    pqxx::connection pooled(bouncer_->url(db_.name()));
    pqxx::work tx(pooled);
    tx.exec_params("INSERT INTO transaction_events (event_id, payload) VALUES ('evt-inserted', $1::jsonb)",
                   buy_event("evt-inserted", "GOOGL"));
    tx.commit();
  }
  EXPECT_EQ(wait_for_at_least(db_,
                              "SELECT count(*) FROM transaction_events WHERE event_id = 'evt-inserted' AND "
                              "processed_at IS NOT NULL",
                              1, 10s),
            1)
      << serve.log_tail(40);

  // Three buys over HTTP at once: the worker's jobs write side by side, so the staging table is made
  // on both server connections, and later transactions find it where another client left it.
  const std::vector<std::string> symbols{"AAPL", "MSFT", "NVDA"};
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const auto accepted = post_event_once_listening(port, buy_event("evt-" + std::to_string(i), symbols[i]));
    ASSERT_EQ(accepted.status, 202u) << accepted.body;
  }
  EXPECT_EQ(wait_for_at_least(db_, "SELECT count(*) FROM backfill_queue WHERE status = 'completed'", 4, 60s),
            4)
      << serve.log_tail(40) << bouncer_->log();
  EXPECT_EQ(scalar(db_, "SELECT count(*) FROM backfill_queue WHERE status <> 'completed'"), 0);
  EXPECT_EQ(
      scalar(db_, "SELECT count(*) FROM transaction_events WHERE processed_at IS NULL OR error IS NOT NULL"),
      0);
  // Every bar the sandbox has for the job's range, once (the staging upsert, not a partial COPY).
  const auto aapl =
      query(db_,
            "SELECT to_char(p.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), p.close FROM asset_prices p "
            "JOIN assets a ON a.id = p.asset_id JOIN backfill_queue q ON q.asset_id = a.id "
            "WHERE a.symbol = 'AAPL' AND p.resolution = '1d' "
            "AND p.ts::date BETWEEN q.start_date AND q.end_date ORDER BY p.ts");
  const auto job = query(db_,
                         "SELECT q.start_date::text, q.end_date::text FROM backfill_queue q JOIN assets a ON "
                         "a.id = q.asset_id WHERE a.symbol = 'AAPL'");
  ASSERT_EQ(job.size(), 1u);
  const auto truth = truth_closes(upstream, "AAPL", job[0][0].as<std::string>(), job[0][1].as<std::string>());
  ASSERT_EQ(aapl.size(), truth.size());
  for (const auto& row : aapl)
    EXPECT_DOUBLE_EQ(row[1].as<double>(), truth.at(row[0].as<std::string>())) << row[0].as<std::string>();
  // Made per server connection, found again by later transactions of any client: never more tables
  // than PgBouncer's server connections (serve's direct connection writes no prices).
  const auto staging_tables = scalar(
      db_,
      "SELECT count(*) FROM pg_class WHERE relname = 'pricefeed_price_staging' AND relpersistence = 't'");
  EXPECT_GE(staging_tables, 1);
  EXPECT_LE(staging_tables, kServerConnections);

  // The daemon's tick, at the next minute's boundary, quotes what is held, through PgBouncer.
  EXPECT_GE(wait_for_at_least(db_, "SELECT count(*) FROM latest_prices WHERE price > 0", 4, 90s), 4)
      << serve.log_tail(40);

  const auto health = sandbox::http_request(port, "GET", "/health", "", {});
  EXPECT_EQ(health.status, 200u) << health.body;
  EXPECT_THAT(health.body, HasSubstr("ok"));
  EXPECT_FALSE(log_has(serve, "does not keep its session")) << serve.log_tail(40);
  EXPECT_EQ(serve.stop(), 0);
}

TEST_F(PgBouncerEndToEnd, ServeRefusesToStartWhenListenWouldGoThroughTransactionPooling) {
  const unsigned short port = free_port();
  const auto config = serve_config(port, "http://127.0.0.1:9", "");
  ServeProcess serve(config, dir_.path() / "serve.log");
  for (int i = 0; i < 300 && serve.running(); ++i)
    std::this_thread::sleep_for(100ms);
  ASSERT_FALSE(serve.running()) << "serve kept running with LISTEN through PgBouncer";
  EXPECT_TRUE(log_has(serve,
                      "serve's event listener (LISTEN transaction_events) needs a connection that keeps "
                      "its session"))
      << serve.log_tail(20);
  EXPECT_TRUE(log_has(serve, "set [database] session_url")) << serve.log_tail(20);
}

// Serve cannot check at start while the database is unreachable: it starts, and its listener checks
// once it connects, says what is wrong on every connect, and goes on with the sweep alone.
TEST_F(PgBouncerEndToEnd, AListenerThatFindsTransactionPoolingOnlyOnceConnectedSaysSoAndStillSweeps) {
  bouncer_->stop();
  const unsigned short port = free_port();
  const auto config = serve_config(port, "http://127.0.0.1:9", "");
  ServeProcess serve(config, dir_.path() / "serve.log");
  for (int i = 0; i < 100 && !log_has(serve, "database not reachable at start"); ++i)
    std::this_thread::sleep_for(100ms);
  ASSERT_TRUE(log_has(serve, "database not reachable at start")) << serve.log_tail(20);
  {
    auto direct = db_.connect();
    pqxx::work tx(*direct);
    tx.exec_params("INSERT INTO transaction_events (event_id, payload) VALUES ('evt-swept', $1::jsonb)",
                   buy_event("evt-swept", "AAPL"));
    tx.commit();
  }

  bouncer_->start();
  const std::string said = "the event listener's connection does not keep its session";
  for (int i = 0; i < 300 && !log_has(serve, said); ++i)
    std::this_thread::sleep_for(100ms);
  EXPECT_TRUE(log_has(serve, said)) << serve.log_tail(20);
  EXPECT_EQ(
      wait_for_at_least(
          db_,
          "SELECT count(*) FROM transaction_events WHERE event_id = 'evt-swept' AND processed_at IS NOT NULL",
          1, 20s),
      1)
      << serve.log_tail(20);
  EXPECT_TRUE(serve.running());
  EXPECT_EQ(serve.stop(), 0);
}

TEST_F(PgBouncerEndToEnd, MigrateTakesItsLockOnTheSessionUrl) {
  TestDatabase empty{TestDatabase::Schema::kEmpty};
  const std::map<std::string, std::string> through_pgbouncer{
      {"DATABASE_URL", bouncer_->url(empty.name())}, {"PRICEFEED_SQL_DIR", source_sql_directory().string()}};
  const CommandResult refused = run_pricefeed({"migrate"}, through_pgbouncer);
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("the migration lock needs a connection that keeps its session"));
  EXPECT_EQ(scalar(empty, "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'"), 0);

  auto with_session_url = through_pgbouncer;
  with_session_url["DATABASE_SESSION_URL"] = empty.url();
  const CommandResult migrated = run_pricefeed({"migrate"}, with_session_url);
  EXPECT_EQ(migrated.exit_code, 0) << migrated.out << migrated.err;
  EXPECT_THAT(migrated.out, HasSubstr("schema is at version"));
}

}  // namespace
}  // namespace pricefeed::test
