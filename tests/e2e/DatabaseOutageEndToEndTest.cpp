// `pricefeed serve` through database faults (docs/resilience.md): its database refuses connections
// and has every backend killed while a backfill is in flight (and, in another scenario, while serve
// starts), on the shared test server without stopping it — ALTER DATABASE ... ALLOW_CONNECTIONS false
// plus pg_terminate_backend cut only this test's database. Serve must keep running, answer 503 on
// /health and POST /v1/events while the database is away, and once it is back finish the job with
// exactly the sandbox's bars: no row lost, none twice.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/e2e/ServeProcess.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

// Takes one test database away from its clients and gives it back, from a connection to the server's
// own `postgres` database (which stays up).
class DatabaseSwitch {
 public:
  explicit DatabaseSwitch(const TestDatabase& db)
      : name_(db.name()), admin_(std::make_unique<pqxx::connection>(test_postgres_server_url())) {}
  ~DatabaseSwitch() { restore(); }

  // New connections are refused and every open one is killed (as when the server restarts).
  void cut() {
    pqxx::nontransaction tx(*admin_);
    tx.exec("ALTER DATABASE " + tx.quote_name(name_) + " ALLOW_CONNECTIONS false");
    kill_backends(tx);
  }
  // Kills every open connection but lets clients reconnect at once.
  void kill_backends() {
    pqxx::nontransaction tx(*admin_);
    kill_backends(tx);
  }
  void restore() {
    pqxx::nontransaction tx(*admin_);
    tx.exec("ALTER DATABASE " + tx.quote_name(name_) + " ALLOW_CONNECTIONS true");
  }

 private:
  void kill_backends(pqxx::nontransaction& tx) {
    tx.exec_params(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> "
        "pg_backend_pid()",
        name_);
  }

  std::string name_;
  std::unique_ptr<pqxx::connection> admin_;
};

std::string buy_event(const std::string& event_id, const std::string& user_id) {
  return R"({"event_id":")" + event_id + R"(","user_id":")" + user_id +
         R"(","type":"buy","symbol":"AAPL","asset_class":"stock",)"
         R"("date":"2025-06-02","quantity":"10","price":"201.70","currency":"USD"})";
}

sandbox::HttpResult post_event(unsigned short port, const std::string& body) {
  return sandbox::http_request(port, "POST", "/v1/events", body, {{"Content-Type", "application/json"}});
}

// Polls until the server answers at all (any status).
sandbox::HttpResult first_answer(unsigned short port, const std::string& target) {
  for (int i = 0; i < 200; ++i) {
    try {
      return sandbox::http_request(port, "GET", target, "", {});
    } catch (const std::exception&) {
      std::this_thread::sleep_for(100ms);
    }
  }
  throw std::runtime_error("pricefeed serve never answered " + target);
}

// A fresh connection each time: the test's own connections die with every cut.
std::string single_value(const TestDatabase& db, const std::string& sql) {
  const pqxx::result rows = query(db, sql);
  return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].as<std::string>();
}

bool wait_for(const std::function<bool()>& condition, std::chrono::seconds limit) {
  for (auto waited = 0ms; waited < limit; waited += 200ms) {
    try {
      if (condition()) return true;
    } catch (const std::exception&) {  // the database is still refusing
    }
    std::this_thread::sleep_for(200ms);
  }
  return false;
}

class DatabaseOutageEndToEnd : public ::testing::Test {
 protected:
  std::filesystem::path write_config() {
    // A daily daemon interval: no tick runs during the test, so every row written is the backfill's.
    return dir_.write_file(
        "pricefeed.toml",
        database_and_plugins_toml(db_) + "[http]\nlisten = \"127.0.0.1:" + std::to_string(port_) +
            "\"\n[worker]\nlookback_days = 400\n[daemon]\ninterval_minutes = 1440\nexchanges_file = \"" +
            std::string(PRICEFEED_EXCHANGES_FILE) + "\"\n" + source_toml("yahoo", upstream_.base_url(), 600) +
            "[routing]\nstock = [\"yahoo\"]\n");
  }

  // The job's stored closes equal the sandbox's for its whole range, each day once.
  void expect_history_is_the_truth() {
    const pqxx::result range = query(db_, "SELECT start_date::text, end_date::text FROM backfill_queue");
    ASSERT_EQ(range.size(), 1u);
    const auto truth =
        truth_closes(upstream_, "AAPL", range[0][0].as<std::string>(), range[0][1].as<std::string>());
    ASSERT_GT(truth.size(), 200u);
    const pqxx::result stored =
        query(db_,
              "SELECT ts::date::text, close, count(*) OVER (PARTITION BY ts) FROM asset_prices "
              "WHERE resolution = '1d' ORDER BY ts");
    ASSERT_EQ(stored.size(), truth.size());
    for (const auto& row : stored) {
      const std::string day = row[0].as<std::string>();
      ASSERT_EQ(row[2].as<int>(), 1) << day;
      ASSERT_TRUE(truth.contains(day)) << day;
      EXPECT_DOUBLE_EQ(row[1].as<double>(), truth.at(day)) << day;
    }
  }

  TestDatabase db_;
  sandbox::SandboxProcess upstream_;
  TemporaryDirectory dir_;
  const unsigned short port_ = free_port();
};

TEST_F(DatabaseOutageEndToEnd, AnOutageMidJobIsRiddenOutAndTheJobEndsWithEveryRowOnce) {
  // The history request takes five seconds: the outage begins while the job holds its connection.
  upstream_.add_fault(R"({"route":"yahoo.chart","kind":"slow","delay_ms":5000,"count":1})");
  ServeProcess serve(write_config());
  ASSERT_EQ(first_answer(port_, "/health").status, 200u);
  ASSERT_EQ(post_event(port_, buy_event("evt-1", "u-1")).status, 202u);
  ASSERT_TRUE(
      wait_for([&] { return single_value(db_, "SELECT status FROM backfill_queue") == "in_progress"; }, 30s));

  DatabaseSwitch database(db_);
  database.cut();

  const auto health = sandbox::http_request(port_, "GET", "/health", "", {});
  EXPECT_EQ(health.status, 503u) << health.body;
  // No token is configured: an anonymous caller learns down, and nothing about the database.
  EXPECT_EQ(health.body, R"({"status":"unavailable"})");
  const auto refused = post_event(port_, buy_event("evt-2", "u-2"));
  EXPECT_EQ(refused.status, 503u) << refused.body;
  EXPECT_THAT(refused.body, HasSubstr(R"("error":)"));
  // The slow answer arrives while the database is away: the job's writes fail and it waits to be
  // handed back.
  std::this_thread::sleep_for(6s);
  EXPECT_TRUE(serve.running());

  database.restore();
  EXPECT_TRUE(
      wait_for([&] { return sandbox::http_request(port_, "GET", "/health", "", {}).status == 200u; }, 60s));
  // The sender's retry of the refused event is stored now, and once only.
  EXPECT_EQ(post_event(port_, buy_event("evt-2", "u-2")).status, 202u);
  EXPECT_EQ(post_event(port_, buy_event("evt-2", "u-2")).status, 200u);
  EXPECT_EQ(single_value(db_, "SELECT count(*) FROM transaction_events WHERE event_id = 'evt-2'"), "1");

  ASSERT_TRUE(
      wait_for([&] { return single_value(db_, "SELECT status FROM backfill_queue") == "completed"; }, 90s))
      << single_value(db_, "SELECT status || ': ' || coalesce(error_message, '') FROM backfill_queue");
  expect_history_is_the_truth();
  EXPECT_TRUE(serve.running());
  EXPECT_EQ(serve.stop(), 0);
}

TEST_F(DatabaseOutageEndToEnd, BackendsKilledMidJobAreReplacedAndTheJobEndsWithEveryRowOnce) {
  upstream_.add_fault(R"({"route":"yahoo.chart","kind":"slow","delay_ms":3000,"count":1})");
  ServeProcess serve(write_config());
  ASSERT_EQ(first_answer(port_, "/health").status, 200u);
  ASSERT_EQ(post_event(port_, buy_event("evt-1", "u-1")).status, 202u);
  ASSERT_TRUE(
      wait_for([&] { return single_value(db_, "SELECT status FROM backfill_queue") == "in_progress"; }, 30s));

  DatabaseSwitch(db_).kill_backends();

  ASSERT_TRUE(
      wait_for([&] { return single_value(db_, "SELECT status FROM backfill_queue") == "completed"; }, 90s))
      << single_value(db_, "SELECT status || ': ' || coalesce(error_message, '') FROM backfill_queue");
  expect_history_is_the_truth();
  EXPECT_EQ(sandbox::http_request(port_, "GET", "/health", "", {}).status, 200u);
  EXPECT_EQ(serve.stop(), 0);
}

TEST_F(DatabaseOutageEndToEnd, ServeStartsWithTheDatabaseDownAndTakesEventsOnceItIsBack) {
  DatabaseSwitch database(db_);
  database.cut();
  ServeProcess serve(write_config());

  const auto health = first_answer(port_, "/health");
  EXPECT_EQ(health.status, 503u) << health.body;
  EXPECT_EQ(health.body, R"({"status":"unavailable"})");
  EXPECT_EQ(post_event(port_, buy_event("evt-1", "u-1")).status, 503u);
  EXPECT_TRUE(serve.running());

  database.restore();
  EXPECT_TRUE(wait_for([&] { return post_event(port_, buy_event("evt-1", "u-1")).status == 202u; }, 60s));
  ASSERT_TRUE(
      wait_for([&] { return single_value(db_, "SELECT status FROM backfill_queue") == "completed"; }, 90s));
  expect_history_is_the_truth();
  EXPECT_EQ(serve.stop(), 0);
}

}  // namespace
}  // namespace pricefeed::test
