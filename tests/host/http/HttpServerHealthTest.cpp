// GET /health, /health/queue and /health/sources over a real socket on a real PostgreSQL: the JSON
// shapes, the figures they are computed from, and 503 with the reason when the database is down.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/transaction>

#include "host/db/ConnectionPool.hpp"
#include "host/health/SourceCallGauges.hpp"
#include "host/health/SourceHealthReader.hpp"
#include "host/http/ClusterHealthRoute.hpp"
#include "host/http/HealthRoute.hpp"
#include "host/http/HttpServer.hpp"
#include "host/http/QueueHealthRoute.hpp"
#include "host/http/SourcesHealthRoute.hpp"
#include "host/plugins/HostServices.hpp"
#include "host/plugins/PluginFileState.hpp"
#include "host/plugins/PluginLibrary.hpp"
#include "host/plugins/SourceFingerprint.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "host/ratelimit/ManualClock.hpp"
#include "host/ratelimit/RateLimiter.hpp"
#include "tests/host/http/HttpServerTestClient.hpp"
#include "tests/host/plugins/FaultyPlugins.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using testing::http_request;
using ::testing::StartsWith;
namespace http = boost::beast::http;

// Nothing listens on port 1 of the loopback: connecting is refused at once, so the 503 tests are fast.
constexpr const char* kUnreachableUrl = "postgresql://postgres@127.0.0.1:1/pricefeed?connect_timeout=2";

HttpServerSettings loopback() {
  HttpServerSettings settings;
  settings.listen = "127.0.0.1:0";
  return settings;
}

nlohmann::json json_of(const testing::TestResponse& response) {
  return nlohmann::json::parse(response.body());
}

struct CollectedQuotes : QuoteConsumer {
  bool on_quotes(std::span<const Quote>) override { return true; }
};

// Two sources of the test plugin valid_c: "alpha" behind a limiter on a manual clock, "beta" without
// one (a source the host lends no limiter).
class TestSources {
 public:
  TestSources()
      : registry_(plugins(), {{"alpha", "valid_c", "{}"}, {"beta", "valid_c", "{}"}}, {},
                  [this](const SourceSpec& spec) {
                    auto context = std::make_unique<SourceContext>();
                    if (spec.name == "alpha") context->limiter = alpha_;
                    return context;
                  }) {}

  const SourceRegistry& registry() const { return registry_; }
  SourceRateLimiter& alpha() { return *alpha_; }
  ManualClock& clock() { return clock_; }

 private:
  static std::vector<PluginFileReport> plugins() {
    const auto file = test::faulty_plugin("valid_c");
    return {PluginFileReport{file, PluginLibrary::load(file, host_services()), {}}};
  }

  // 2026-01-05T00:00:00Z on the calendar.
  ManualClock clock_{Clock::time_point{}, std::chrono::sys_days{std::chrono::year{2026} / 1 / 5}};
  std::shared_ptr<SourceRateLimiter> alpha_ = std::make_shared<RateLimiter>(RateLimit{60, 5}, clock_);
  SourceRegistry registry_;
};

// The health routes as `pricefeed serve` assembles them, on the database at `url`.
class HealthApi {
 public:
  HealthApi(const std::string& url, TestSources& sources, std::string token = {}, std::size_t pool_size = 2)
      : pool_(url, pool_size, 300ms),
        queue_(pool_),
        reader_(sources.registry(), sources.clock(), pool_),
        server_(loopback(), make_router(std::move(token))) {
    server_.start();
  }
  std::uint16_t port() const { return server_.port(); }
  ConnectionPool& pool() { return pool_; }

 private:
  Router make_router(std::string token) {
    Router router(std::move(token));
    add_health_route(router, pool_, std::chrono::steady_clock::now() - 7s, "1.2.3");
    add_queue_health_route(router, queue_);
    add_sources_health_route(router, reader_);
    add_cluster_health_route(router, pool_, 60s);
    return router;
  }

  ConnectionPool pool_;
  BackfillQueue queue_;
  SourceHealthReader reader_;
  HttpServer server_;
};

testing::TestResponse get(const HealthApi& api, std::string_view target, std::string_view token = {}) {
  return http_request(api.port(), http::verb::get, target, {}, token);
}

class HttpServerHealthTest : public ::testing::Test {
 protected:
  void exec(const std::string& sql) {
    pqxx::work tx(*connection);
    tx.exec(sql);
    tx.commit();
  }

  test::TestDatabase db;
  std::unique_ptr<pqxx::connection> connection = db.connect();
  TestSources sources;
};

TEST_F(HttpServerHealthTest, HealthIsOkWithVersionAndUptimeWhenTheDatabaseAnswers) {
  HealthApi api(db.url(), sources);
  const auto response = get(api, "/health");
  EXPECT_EQ(response.result(), http::status::ok);
  const auto body = json_of(response);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["version"], "1.2.3");
  EXPECT_GE(body["uptime_seconds"].get<int>(), 7);
}

TEST_F(HttpServerHealthTest, HealthIs503NamingTheDatabaseOnlyToTheTokenHolder) {
  HealthApi api(kUnreachableUrl, sources, "s3cret-token");
  const auto started = std::chrono::steady_clock::now();
  const auto response = get(api, "/health", "Bearer s3cret-token");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_EQ(response.result(), http::status::service_unavailable);
  const auto body = json_of(response);
  EXPECT_EQ(body["status"], "unavailable");
  EXPECT_THAT(body["reason"].get<std::string>(), StartsWith("database: cannot connect to PostgreSQL at "));
  EXPECT_THAT(body["reason"].get<std::string>(), HasSubstr("127.0.0.1"));
  EXPECT_THAT(body["reason"].get<std::string>(), ::testing::Not(HasSubstr("\n")));
  EXPECT_THAT(body["reason"].get<std::string>(), ::testing::Not(HasSubstr("postgres@"))) << "the user";
}

TEST_F(HttpServerHealthTest, HealthWithoutTheTokenSaysDownAndNothingAboutTheDatabase) {
  HealthApi with_token(kUnreachableUrl, sources, "s3cret-token");
  HealthApi without_token(kUnreachableUrl, sources);
  for (const auto& response : {get(with_token, "/health"), get(with_token, "/health", "Bearer wrong"),
                               get(without_token, "/health")}) {
    EXPECT_EQ(response.result(), http::status::service_unavailable);
    EXPECT_EQ(response.body(), R"({"status":"unavailable"})");
  }
}

TEST_F(HttpServerHealthTest, HealthDoesNotWaitLongerThanTheAcquireTimeoutForABusyPool) {
  HealthApi api(db.url(), sources, "s3cret-token", /*pool_size=*/1);
  const auto held = api.pool().acquire();  // every connection leased, as under a stuck worker
  const auto started = std::chrono::steady_clock::now();
  const auto response = get(api, "/health", "Bearer s3cret-token");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_EQ(response.result(), http::status::service_unavailable);
  EXPECT_THAT(json_of(response)["reason"].get<std::string>(),
              StartsWith("database: no database connection became free within 300 ms"));
}

TEST_F(HttpServerHealthTest, QueueOfAnEmptyDatabaseIsAllZeroWithNoDueAge) {
  HealthApi api(db.url(), sources);
  const auto response = get(api, "/health/queue");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(json_of(response), nlohmann::json::parse(R"({
      "jobs": {"pending": 0, "in_progress": 0, "rate_limited": 0, "completed": 0, "failed": 0},
      "oldest_due_age_seconds": null, "failed_last_24h": 0, "due_now": 0})"));
}

TEST_F(HttpServerHealthTest, QueueCountsJobsByStatusDueJobsTheirAgeAndRecentFailures) {
  exec("INSERT INTO assets (symbol, asset_class) VALUES ('AAPL', 'stock')");
  // Each row its own range: the queue keeps one open job per asset, resolution and range.
  exec(R"sql(
    INSERT INTO backfill_queue (asset_id, start_date, end_date, status, retry_after, locked_until,
                                created_at, updated_at, completed_at) VALUES
      -- due: pending for 90 s, pending for 10 s, rate-limited and past its retry_after for 30 s
      (1, '2025-01-01', '2025-01-01', 'pending', NULL, NULL, now() - interval '90 seconds', now(), NULL),
      (1, '2025-01-02', '2025-01-02', 'pending', NULL, NULL, now() - interval '10 seconds', now(), NULL),
      (1, '2025-01-03', '2025-01-03', 'rate_limited', now() - interval '30 seconds', NULL, now(), now(), NULL),
      -- not due: waiting out a backoff, and leased by a live worker
      (1, '2025-01-04', '2025-01-04', 'pending', now() + interval '1 hour', NULL, now(), now(), NULL),
      (1, '2025-01-05', '2025-01-05', 'in_progress', NULL, now() + interval '5 minutes', now(), now(), NULL),
      (1, '2025-01-06', '2025-01-06', 'completed', NULL, NULL, now(), now(), now()),
      -- failed today, and failed two days ago (not in the last 24 hours)
      (1, '2025-01-07', '2025-01-07', 'failed', NULL, NULL, now(), now(), NULL),
      (1, '2025-01-08', '2025-01-08', 'failed', NULL, NULL, now() - interval '2 days', now() - interval '2 days', NULL)
  )sql");
  HealthApi api(db.url(), sources);
  const auto response = get(api, "/health/queue");
  ASSERT_EQ(response.result(), http::status::ok) << response.body();
  const auto body = json_of(response);
  EXPECT_EQ(body["jobs"], nlohmann::json::parse(R"({"pending": 3, "in_progress": 1, "rate_limited": 1,
                                                    "completed": 1, "failed": 2})"));
  EXPECT_EQ(body["due_now"], 3);
  EXPECT_EQ(body["failed_last_24h"], 1);
  EXPECT_GE(body["oldest_due_age_seconds"].get<int>(), 90);
  EXPECT_LT(body["oldest_due_age_seconds"].get<int>(), 150);
}

TEST_F(HttpServerHealthTest, QueueIs503NamingTheDatabaseWhenItCannotBeReached) {
  HealthApi api(kUnreachableUrl, sources);
  const auto response = get(api, "/health/queue");
  EXPECT_EQ(response.result(), http::status::service_unavailable);
  const auto body = json_of(response);
  EXPECT_EQ(body["status"], "unavailable");
  EXPECT_THAT(body["reason"].get<std::string>(),
              StartsWith("database: reading backfill queue statistics: cannot connect to PostgreSQL at "));
}

TEST_F(HttpServerHealthTest, SourcesShowPluginRateLimiterAndDatabaseActivity) {
  exec("INSERT INTO assets (symbol, asset_class) VALUES ('AAPL', 'stock'), ('MSFT', 'stock')");
  exec(R"sql(
    INSERT INTO backfill_queue (asset_id, start_date, end_date, status, source, error_message,
                                created_at, updated_at, completed_at) VALUES
      (1, '2025-01-01', '2025-01-01', 'completed', 'alpha', NULL,
       '2026-01-01', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z'),
      (1, '2025-01-02', '2025-01-02', 'failed', 'alpha', 'gave up after 5 attempts: HTTP 503',
       '2026-01-01', '2026-01-03T00:00:00Z', NULL),
      (2, '2025-01-02', '2025-01-02', 'pending', 'alpha', 'older: timed out',
       '2026-01-01', '2026-01-01T12:00:00Z', NULL),
      (2, '2025-01-03', '2025-01-03', 'failed', 'other', 'not alpha''s',
       '2026-01-01', '2026-01-04T00:00:00Z', NULL);
    INSERT INTO latest_prices (asset_id, price, ts, source, updated_at) VALUES
      (1, 10, now() - interval '1 hour', 'alpha', '2026-01-04T00:00:00Z'),
      (2, 20, now() - interval '3 hours', 'alpha', '2026-01-03T00:00:00Z');
    -- Quality doubts: an open and a dismissed anomaly of alpha's bars; a gap after alpha's bar and a
    -- filled one; a divergence alpha is one side of, and one between two others.
    SELECT pricefeed_ensure_price_partition(2025);
    INSERT INTO asset_prices (asset_id, resolution, ts, open, high, low, close, source) VALUES
      (1, '1d', '2025-03-03T00:00:00Z', 1, 1, 1, 1, 'alpha'),
      (2, '1d', '2025-03-03T00:00:00Z', 1, 1, 1, 1, 'other');
    INSERT INTO price_anomalies (asset_id, resolution, ts, source, status) VALUES
      (1, '1d', '2025-03-03T00:00:00Z', 'alpha', 'open'),
      (2, '1d', '2025-03-03T00:00:00Z', 'alpha', 'dismissed');
    INSERT INTO price_gaps (asset_id, resolution, start_date, end_date, status) VALUES
      (1, '1d', '2025-03-05', '2025-03-06', 'unfillable'),
      (1, '1d', '2025-03-10', '2025-03-11', 'filled'),
      (2, '1d', '2025-03-05', '2025-03-06', 'open');
    INSERT INTO price_divergences (asset_id, date, source_a, close_a, source_b, close_b, diff_pct) VALUES
      (1, '2025-03-03', 'alpha', 1, 'other', 1.1, 10),
      (2, '2025-03-03', 'other', 1, 'third', 1.1, 10);
  )sql");
  ASSERT_TRUE(sources.alpha().acquire(1).granted());
  sources.alpha().enter_cooldown(sources.clock().now() + 90s);
  HealthApi api(db.url(), sources);

  const auto response = get(api, "/health/sources");
  ASSERT_EQ(response.result(), http::status::ok) << response.body();
  auto body = json_of(response);
  ASSERT_EQ(body["sources"].size(), 2u);
  auto alpha = body["sources"][0];
  const auto lag = alpha["freshness_lag_seconds"].get<int>();
  EXPECT_GE(lag, 3600);
  EXPECT_LT(lag, 3660);
  alpha.erase("freshness_lag_seconds");
  const auto oldest = alpha["oldest_price_age_seconds"].get<int>();  // MSFT's price, 3 hours old
  EXPECT_GE(oldest, 3 * 3600);
  EXPECT_LT(oldest, 3 * 3600 + 60);
  alpha.erase("oldest_price_age_seconds");
  const auto tokens = alpha["rate_limit"]["tokens"].get<double>();
  EXPECT_LE(tokens, 5.0);
  alpha["rate_limit"].erase("tokens");
  alpha.erase("plugin_file");  // SourcesShowTheirPluginFileAndAFingerprint pins these two
  alpha.erase("fingerprint");
  EXPECT_EQ(alpha, nlohmann::json::parse(R"({
      "name": "alpha", "plugin": "valid_c", "plugin_version": "0.0.1",
      "rate_limit": {"capacity": 5.0, "cooldown_until": "2026-01-05T00:01:30Z", "requests_granted": 1,
                     "rate_limited_responses": 1, "callers_waiting": 0},
      "calls": {"consecutive_failures": 0, "last_success_at": null, "last_failure_at": null,
                "last_failure": null},
      "alert": null,
      "last_success_at": "2026-01-04T00:00:00Z",
      "last_backfill_completed_at": "2026-01-02T03:04:05Z",
      "last_quote_written_at": "2026-01-04T00:00:00Z",
      "last_error": {"message": "gave up after 5 attempts: HTTP 503", "at": "2026-01-03T00:00:00Z"},
      "quality": {"open_anomalies": 1, "unresolved_gaps": 1, "open_divergences": 1}})"))
      << alpha.dump(2);
  body["sources"][1].erase("plugin_file");
  body["sources"][1].erase("fingerprint");
  EXPECT_EQ(body["sources"][1], nlohmann::json::parse(R"({
      "name": "beta", "plugin": "valid_c", "plugin_version": "0.0.1", "rate_limit": null,
      "calls": {"consecutive_failures": 0, "last_success_at": null, "last_failure_at": null,
                "last_failure": null},
      "alert": null,
      "last_success_at": null, "last_backfill_completed_at": null, "last_quote_written_at": null,
      "last_error": null, "freshness_lag_seconds": null, "oldest_price_age_seconds": null,
      "quality": {"open_anomalies": 0, "unresolved_gaps": 0, "open_divergences": 0}})"));
}

TEST_F(HttpServerHealthTest, SourcesShowTheirPluginFileAndAFingerprintOfFileAndTable) {
  HealthApi api(db.url(), sources);
  const auto response = get(api, "/health/sources");
  ASSERT_EQ(response.result(), http::status::ok) << response.body();
  const auto body = json_of(response);
  const std::string salt = body["fingerprint_salt"].get<std::string>();
  EXPECT_EQ(salt, process_fingerprint_salt());
  const auto file = std::filesystem::canonical(test::faulty_plugin("valid_c"));
  const auto alpha = body["sources"][0];
  EXPECT_EQ(alpha["plugin_file"], file.string());
  // What check-config computes over the file it would load and the table it would pass to create().
  EXPECT_EQ(alpha["fingerprint"], source_fingerprint(salt, plugin_file_state(file), "{}"));
  EXPECT_NE(alpha["fingerprint"], source_fingerprint(salt, plugin_file_state(file), R"({"api_key":"x"})"));
}

TEST_F(HttpServerHealthTest, SourcesShowTheirLastErrorRedacted) {
  // Stored before errors were redacted on the way in, or by another writer: the answer redacts it.
  exec("INSERT INTO assets (symbol, asset_class) VALUES ('AAPL', 'stock')");
  exec(R"sql(
    INSERT INTO backfill_queue (asset_id, start_date, end_date, status, source, error_message)
    VALUES (1, '2025-01-01', '2025-01-01', 'failed', 'alpha',
            'HTTP 401 from https://h/q?apikey=leaked-key-1 with Authorization: Bearer leaked-token-2'))sql");
  HealthApi api(db.url(), sources);
  const auto response = get(api, "/health/sources");
  ASSERT_EQ(response.result(), http::status::ok) << response.body();
  EXPECT_EQ(json_of(response)["sources"][0]["last_error"]["message"],
            "HTTP 401 from https://h/q?apikey=REDACTED with Authorization: Bearer REDACTED");
  EXPECT_THAT(response.body(), ::testing::Not(HasSubstr("leaked")));
}

TEST_F(HttpServerHealthTest, MetricsSayWhetherEachSourceIsFailing) {
  CollectedQuotes quotes;
  ASSERT_TRUE(
      sources.registry().find("alpha")->fetch_quotes({{"MSFT"}, {""}, AssetClass::stock}, quotes).ok());
  MetricsRegistry metrics;
  add_source_call_gauges(metrics, sources.registry());
  const std::string text = metrics.expose();
  EXPECT_THAT(text, HasSubstr("\npricefeed_source_failing{source=\"alpha\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("\npricefeed_source_failing{source=\"beta\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("\npricefeed_source_consecutive_failures{source=\"alpha\"} 0\n"));
}

TEST_F(HttpServerHealthTest, SourcesAre503WithTheRateLimitersStillShownWhenTheDatabaseIsDown) {
  HealthApi api(kUnreachableUrl, sources);
  const auto response = get(api, "/health/sources");
  EXPECT_EQ(response.result(), http::status::service_unavailable);
  const auto body = json_of(response);
  EXPECT_EQ(body["status"], "unavailable");
  EXPECT_THAT(body["reason"].get<std::string>(), StartsWith("database: cannot connect to PostgreSQL at "));
  ASSERT_EQ(body["sources"].size(), 2u);
  EXPECT_EQ(body["fingerprint_salt"], process_fingerprint_salt());
  EXPECT_EQ(body["sources"][0]["name"], "alpha");
  EXPECT_EQ(body["sources"][0]["rate_limit"]["capacity"], 5.0);
  EXPECT_TRUE(body["sources"][0].contains("fingerprint"));
  EXPECT_FALSE(body["sources"][0].contains("last_error"));
}

TEST_F(HttpServerHealthTest, DetailRoutesNeedTheTokenWhileHealthStaysOpen) {
  HealthApi api(db.url(), sources, "s3cret");
  EXPECT_EQ(get(api, "/health").result(), http::status::ok);
  EXPECT_EQ(get(api, "/health/queue").result(), http::status::unauthorized);
  EXPECT_EQ(get(api, "/health/sources").result(), http::status::unauthorized);
  EXPECT_EQ(get(api, "/health/cluster").result(), http::status::unauthorized);
  EXPECT_EQ(get(api, "/health/queue", "Bearer s3cret").result(), http::status::ok);
  EXPECT_EQ(get(api, "/health/sources", "Bearer s3cret").result(), http::status::ok);
  EXPECT_EQ(get(api, "/health/cluster", "Bearer s3cret").result(), http::status::ok);
}

TEST_F(HttpServerHealthTest, ClusterListsTheHostsAliveOrDeadAsPricefeedHostsJsonDoes) {
  exec(
      "INSERT INTO hosts (id, host_name, pid, version, schema_version, roles, jobs) "
      "VALUES ('vm:1', 'vm', 1, '0.2.0', 11, '{serve,worker,daemon}', '{7}'), "
      "       ('vm:2', 'vm', 2, '0.1.0', 11, '{worker}', '{}')");
  exec("UPDATE hosts SET last_seen = now() - interval '5 minutes' WHERE id = 'vm:2'");
  HealthApi api(db.url(), sources);
  const auto response = get(api, "/health/cluster");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto body = json_of(response);
  EXPECT_EQ(body["live"], 1);
  EXPECT_EQ(body["newest_version"], "0.2.0");
  ASSERT_EQ(body["hosts"].size(), 2u);
  EXPECT_EQ(body["hosts"][0]["id"], "vm:1");
  EXPECT_EQ(body["hosts"][0]["state"], "alive");
  EXPECT_EQ(body["hosts"][0]["jobs"], nlohmann::json::array({7}));
  EXPECT_EQ(body["hosts"][1]["state"], "dead");
  EXPECT_EQ(body["hosts"][1]["version_differs"], true);
  EXPECT_GE(body["hosts"][1]["heartbeat_age_seconds"].get<int>(), 300);
}

TEST_F(HttpServerHealthTest, ClusterIs503WhenTheDatabaseCannotBeReached) {
  HealthApi api(kUnreachableUrl, sources);
  const auto response = get(api, "/health/cluster");
  EXPECT_EQ(response.result(), http::status::service_unavailable);
  EXPECT_EQ(json_of(response)["status"], "unavailable");
}

}  // namespace
}  // namespace pricefeed::host
