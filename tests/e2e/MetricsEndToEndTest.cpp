// GET /metrics of the real `pricefeed serve` after real work: a buy event whose backfill meets one
// 429 from the sandbox, is retried and completes. Every family docs/metrics.md promises is there
// with samples, and `promtool check metrics` (Debian package prometheus) accepts the answer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <pqxx/pqxx>
#include <thread>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/e2e/ServeProcess.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/CommandResult.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;

// The value of the sample `series` (name and labels exactly as exposed), if the text has it.
std::optional<double> sample(const std::string& text, const std::string& series) {
  const std::string line_start = "\n" + series + " ";
  const auto at = text.find(line_start);
  if (at == std::string::npos) return std::nullopt;
  return std::strtod(text.c_str() + at + line_start.size(), nullptr);
}

std::optional<std::string> promtool() {
  const CommandResult found = run_command({"/bin/sh", "-c", "command -v promtool"});
  if (found.exit_code != 0 || found.out.empty()) return std::nullopt;
  return found.out.substr(0, found.out.find('\n'));
}

TEST(MetricsEndToEnd, AfterABackfillThatMetA429EveryFamilyHasSamplesAndPromtoolAcceptsTheText) {
  TestDatabase db;
  sandbox::SandboxProcess upstream;
  upstream.add_fault(R"({"route":"yahoo.chart","kind":"429","retry_after":"1","count":1})");
  TemporaryDirectory dir;
  const unsigned short port = free_port();
  // A daily daemon interval: no tick runs during the test, so every row written is the backfill's.
  auto config = dir.write_file(
      "pricefeed.toml",
      database_and_plugins_toml(db) + "[http]\nlisten = \"127.0.0.1:" + std::to_string(port) +
          "\"\n[worker]\nlookback_days = 30\n[daemon]\ninterval_minutes = 1440\nexchanges_file = \"" +
          std::string(PRICEFEED_EXCHANGES_FILE) + "\"\n" + source_toml("yahoo", upstream.base_url(), 600) +
          "[routing]\nstock = [\"yahoo\"]\n");
  ServeProcess serve(config);

  const std::string event =
      R"({"event_id":"evt-1","user_id":"u-1","type":"buy","symbol":"AAPL","asset_class":"stock",)"
      R"("date":"2025-06-02","quantity":"10","price":"201.70","currency":"USD"})";
  const sandbox::HttpResult accepted = post_event_once_listening(port, event);
  ASSERT_EQ(accepted.status, 202u) << accepted.body;

  // The first fetch meets the 429 and is put back for its Retry-After; the retry completes.
  auto conn = db.connect();
  std::string status;
  for (int i = 0; i < 600 && status != "completed" && status != "failed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pqxx::work tx(*conn);
    auto r = tx.exec("SELECT status FROM backfill_queue");
    status = r.empty() ? "" : r[0][0].as<std::string>();
  }
  ASSERT_EQ(status, "completed");
  const auto rows = query(db, "SELECT count(*) FROM asset_prices WHERE source = 'yahoo'")[0][0].as<double>();

  const auto answer = sandbox::http_request(port, "GET", "/metrics", "", {});
  ASSERT_EQ(answer.status, 200u) << answer.body;
  EXPECT_EQ(answer.headers.at("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = answer.body;

  for (const char* family :
       {"pricefeed_jobs gauge", "pricefeed_jobs_failed_total counter", "pricefeed_jobs_failed_last_24h gauge",
        "pricefeed_backfill_duration_seconds histogram", "pricefeed_rate_limit_hits_total counter",
        "pricefeed_rate_limit_tokens gauge", "pricefeed_upstream_request_duration_seconds histogram",
        "pricefeed_tracked_assets gauge", "pricefeed_rows_written_total counter",
        "pricefeed_rows_rejected_total counter", "pricefeed_daemon_tick_duration_seconds histogram",
        "pricefeed_database_up gauge", "pricefeed_build_info gauge", "pricefeed_start_time_seconds gauge",
        "pricefeed_shared_rate_limit_tokens gauge", "pricefeed_shared_rate_limit_cooldown_seconds gauge"}) {
    EXPECT_THAT(text, HasSubstr(std::string("\n# TYPE ") + family + "\n"));
  }
  EXPECT_EQ(sample(text, "pricefeed_database_up"), 1);
  EXPECT_EQ(sample(text, R"(pricefeed_jobs{status="completed"})"), 1);
  EXPECT_EQ(sample(text, R"(pricefeed_jobs{status="failed"})"), 0);
  EXPECT_EQ(sample(text, "pricefeed_jobs_failed_total"), 0);
  EXPECT_EQ(sample(text, "pricefeed_tracked_assets"), 1);
  EXPECT_EQ(sample(text, R"(pricefeed_backfill_duration_seconds_count{outcome="completed"})"), 1);
  EXPECT_EQ(sample(text, R"(pricefeed_backfill_duration_seconds_count{outcome="retry_later"})"), 1);
  EXPECT_EQ(sample(text, R"(pricefeed_backfill_duration_seconds_bucket{outcome="completed",le="+Inf"})"), 1);
  EXPECT_EQ(sample(text, R"(pricefeed_rate_limit_hits_total{source="yahoo",reason="upstream_answer"})"), 1);
  EXPECT_EQ(sample(text, R"(pricefeed_rate_limit_hits_total{source="yahoo",reason="cooling_down"})"), 0);
  EXPECT_EQ(sample(text, R"(pricefeed_upstream_request_duration_seconds_count{source="yahoo",status="429"})"),
            1);
  EXPECT_GE(sample(text, R"(pricefeed_upstream_request_duration_seconds_count{source="yahoo",status="200"})")
                .value_or(0),
            1);
  EXPECT_TRUE(sample(text, R"(pricefeed_rate_limit_tokens{source="yahoo"})").has_value());
  // yahoo's limit is shared (limit_scope defaults to "cluster"); its 1 s cooldown ended before the retry.
  EXPECT_TRUE(sample(text, R"(pricefeed_shared_rate_limit_tokens{source="yahoo"})").has_value());
  EXPECT_EQ(sample(text, R"(pricefeed_shared_rate_limit_cooldown_seconds{source="yahoo"})"), 0);
  EXPECT_GT(rows, 15);
  EXPECT_EQ(sample(text, R"(pricefeed_rows_written_total{source="yahoo"})"), rows);
  EXPECT_EQ(sample(text, "pricefeed_daemon_tick_duration_seconds_count"), 0);
  EXPECT_THAT(text, HasSubstr("\npricefeed_build_info{version=\""));
  EXPECT_GT(sample(text, "pricefeed_start_time_seconds").value_or(0), 1.7e9);

  const auto tool = promtool();
  if (!tool) {
    const char* message =
        "promtool is not installed: install the Debian package prometheus to check /metrics";
    if (std::getenv("CI") != nullptr) FAIL() << message;
    GTEST_SKIP() << message;
  }
  const auto body = dir.write_file("metrics.txt", text);
  const CommandResult check =
      run_command({"/bin/sh", "-c", "\"$0\" check metrics < \"$1\"", *tool, body.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.out + check.err, "") << text;

  EXPECT_EQ(serve.stop(), 0);
}

}  // namespace
}  // namespace pricefeed::test
