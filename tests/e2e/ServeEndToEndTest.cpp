// `pricefeed serve` end to end: a buy event posted to the real HTTP API makes a new asset tracked and
// its year of history appear, fetched by the same process's worker from the sandbox.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

#include "tests/e2e/ServeProcess.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;

TEST(ServeEndToEnd, ABuyEventPostedToTheApiEndsWithItsHistoryStored) {
  TestDatabase db;
  sandbox::SandboxProcess upstream;
  TemporaryDirectory dir;
  const unsigned short port = free_port();
  auto config = dir.write_file("pricefeed.toml", serve_with_yahoo_toml(db, port, upstream.base_url()));
  ServeProcess serve(config);

  const std::string event =
      R"({"event_id":"evt-1","user_id":"u-1","type":"buy","symbol":"AAPL","asset_class":"stock",)"
      R"("date":"2025-06-02","quantity":"10","price":"201.70","currency":"USD"})";
  const sandbox::HttpResult accepted = post_event_once_listening(port, event);
  ASSERT_EQ(accepted.status, 202u) << accepted.body;
  EXPECT_THAT(accepted.body, HasSubstr("accepted"));

  auto replay =
      sandbox::http_request(port, "POST", "/v1/events", event, {{"Content-Type", "application/json"}});
  EXPECT_EQ(replay.status, 200u);
  EXPECT_THAT(replay.body, HasSubstr("duplicate"));

  auto bad = sandbox::http_request(port, "POST", "/v1/events", R"({"event_id":"evt-2"})",
                                   {{"Content-Type", "application/json"}});
  EXPECT_EQ(bad.status, 400u);

  // The caller never waits for the fetch: the worker in the same process does it. Bounded wait.
  auto conn = db.connect();
  std::string status;
  for (int i = 0; i < 300 && status != "completed" && status != "failed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pqxx::work tx(*conn);
    auto r = tx.exec("SELECT status FROM backfill_queue");
    status = r.empty() ? "" : r[0][0].as<std::string>();
  }
  ASSERT_EQ(status, "completed");
  auto queue = sandbox::http_request(port, "GET", "/health/queue", "", {});
  EXPECT_EQ(queue.status, 200u) << queue.body;
  EXPECT_THAT(queue.body, HasSubstr(R"("completed":1)"));
  EXPECT_THAT(queue.body, HasSubstr(R"("due_now":0)"));
  pqxx::work tx(*conn);
  auto job = tx.exec1("SELECT start_date::text, end_date::text FROM backfill_queue");
  EXPECT_EQ(job[0].as<std::string>(), "2025-05-03");  // 30 days before the purchase
  EXPECT_GT(tx.exec1("SELECT count(*) FROM asset_prices")[0].as<int>(), 15);
  EXPECT_EQ(tx.exec1("SELECT tracking_users FROM tracked_assets")[0].as<int>(), 1);
  tx.commit();

  EXPECT_EQ(serve.stop(), 0);
}

}  // namespace
}  // namespace pricefeed::test
