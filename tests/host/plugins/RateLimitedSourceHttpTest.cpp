#include "host/plugins/RateLimitedSourceHttp.hpp"

#include <future>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/metrics/HostMetrics.hpp"
#include "host/ratelimit/ManualClock.hpp"
#include "host/ratelimit/RateLimiter.hpp"
#include "tests/host/http/support/TestHttpServer.hpp"

namespace pricefeed::host {
namespace {

// A source's timeout_seconds and timeout_max_seconds; only the timeout test comes near them.
const SourceTimeouts kTimeout{std::chrono::seconds{30}, std::chrono::seconds{120}};

using ::testing::HasSubstr;
using testing::TestHttpServer;
using testing::TestReply;

// Slower than the timeout tests' 300 ms, well within 1.2 s.
const auto kAnswerAfter600Ms = [](const auto&) {
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  return TestReply::text("{}");
};

class RateLimitedSourceHttpTest : public ::testing::Test {
 protected:
  std::shared_ptr<RateLimiter> limiter(double rpm = 60, std::uint32_t burst = 5) {
    return std::make_shared<RateLimiter>(RateLimit{rpm, burst}, clock_);
  }
  SourceHttpRequest get(const TestHttpServer& server, const std::string& path = "/chart") {
    SourceHttpRequest r;
    r.method = "GET";
    r.url = server.url(path);
    return r;
  }

  ManualClock clock_;
  HttpClient client_;
};

TEST_F(RateLimitedSourceHttpTest, AnAnswerPassesThroughWithItsStatusAndBody) {
  TestHttpServer server([](const auto&) { return TestReply::text("{\"ok\":1}", 404); });
  RateLimitedSourceHttp http("yahoo", client_, limiter(), clock_, kTimeout);
  auto outcome = http.send(get(server));
  ASSERT_EQ(outcome.status, PRICEFEED_OK) << outcome.error;
  EXPECT_EQ(outcome.response->status, 404);
  EXPECT_EQ(outcome.response->body, "{\"ok\":1}");
}

TEST_F(RateLimitedSourceHttpTest, A429CoolsTheSourceDownUntilItsRetryAfterAndItIsNotAskedMeanwhile) {
  std::atomic<int> status{429};
  TestHttpServer server([&](const auto&) {
    TestReply reply = TestReply::text("Too Many Requests", status.load());
    reply.headers.emplace_back("Retry-After", "30");
    return reply;
  });
  RateLimitedSourceHttp http("yahoo", client_, limiter(), clock_, kTimeout);

  auto first = http.send(get(server));
  EXPECT_EQ(first.status, PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(first.retry_after, std::chrono::milliseconds(30'000));
  EXPECT_THAT(first.error, HasSubstr("HTTP 429 from"));
  EXPECT_FALSE(first.held_back) << "the source was asked and said 429";

  clock_.advance(std::chrono::seconds(10));
  auto second = http.send(get(server));
  EXPECT_EQ(second.status, PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(second.retry_after, std::chrono::milliseconds(20'000));
  EXPECT_THAT(second.error, HasSubstr("is cooling down"));
  EXPECT_TRUE(second.held_back) << "never sent";
  EXPECT_EQ(server.requests().size(), 1u);

  status = 200;
  clock_.advance(std::chrono::seconds(21));
  EXPECT_EQ(http.send(get(server)).status, PRICEFEED_OK);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST_F(RateLimitedSourceHttpTest, A418WithoutRetryAfterCoolsDownForFiveMinutes) {
  TestHttpServer server([](const auto&) { return TestReply::text("banned", 418); });
  RateLimitedSourceHttp http("binance", client_, limiter(), clock_, kTimeout);
  auto outcome = http.send(get(server));
  EXPECT_EQ(outcome.status, PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(outcome.retry_after, std::chrono::milliseconds(300'000));
}

TEST_F(RateLimitedSourceHttpTest, OneSourceCoolingDownLeavesTheOthersFlowing) {
  TestHttpServer limited([](const auto&) { return TestReply::text("slow down", 429); });
  TestHttpServer fine([](const auto&) { return TestReply::text("ok"); });
  RateLimitedSourceHttp yahoo("yahoo", client_, limiter(), clock_, kTimeout);
  RateLimitedSourceHttp binance("binance", client_, limiter(), clock_, kTimeout);
  EXPECT_EQ(yahoo.send(get(limited)).status, PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(yahoo.send(get(limited)).status, PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(binance.send(get(fine)).status, PRICEFEED_OK);
  EXPECT_EQ(limited.requests().size(), 1u);
}

TEST_F(RateLimitedSourceHttpTest, NoTokenWithinTheLongestWaitIsReportedAsRateLimited) {
  TestHttpServer server([](const auto&) { return TestReply::text("ok"); });
  RateLimitedSourceHttp http("coingecko", client_, limiter(/*rpm=*/1, /*burst=*/1), clock_, kTimeout,
                             std::chrono::seconds(1));
  EXPECT_EQ(http.send(get(server)).status, PRICEFEED_OK);
  auto outcome = http.send(get(server));
  EXPECT_EQ(outcome.status, PRICEFEED_RATE_LIMITED);
  EXPECT_THAT(outcome.error, HasSubstr("has no rate-limit tokens free within 1000 ms"));
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(RateLimitedSourceHttpTest, ARequestWaitingForATokenWhenTheHostStopsIsAnsweredAtOnceUnsentAndDueNow) {
  TestHttpServer server([](const auto&) { return TestReply::text("ok"); });
  std::stop_source stopping;
  RateLimitedSourceHttp http("yahoo", client_, limiter(/*rpm=*/1, /*burst=*/1), clock_, kTimeout,
                             std::chrono::minutes(1), stopping.get_token());
  ASSERT_EQ(http.send(get(server)).status, PRICEFEED_OK);
  // The next token is a minute away on a clock nobody moves: only the stop can end this wait.
  auto waiting = std::async(std::launch::async, [&] { return http.send(get(server)); });
  EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
  stopping.request_stop();
  const SourceHttpOutcome outcome = waiting.get();
  EXPECT_EQ(outcome.status, PRICEFEED_RATE_LIMITED);
  EXPECT_TRUE(outcome.held_back);
  EXPECT_EQ(outcome.retry_after, std::chrono::milliseconds::zero());
  EXPECT_THAT(outcome.error, HasSubstr("not sent: the host is stopping"));
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(RateLimitedSourceHttpTest, ACostSpendsThatManyTokens) {
  TestHttpServer server([](const auto&) { return TestReply::text("ok"); });
  RateLimitedSourceHttp http("binance", client_, limiter(/*rpm=*/60, /*burst=*/10), clock_, kTimeout,
                             std::chrono::milliseconds(500));
  SourceHttpRequest heavy = get(server);
  heavy.cost = 10;
  EXPECT_EQ(http.send(heavy).status, PRICEFEED_OK);
  // The bucket is empty: the next unit takes 1 s to earn, longer than the 0.5 s this caller may wait.
  EXPECT_EQ(http.send(get(server)).status, PRICEFEED_RATE_LIMITED);
}

TEST_F(RateLimitedSourceHttpTest, AResetConnectionIsTransientAndABadUrlPermanent) {
  TestHttpServer server([](const auto&) { return TestReply::with(TestReply::Action::reset); });
  RateLimitedSourceHttp http("yahoo", client_, limiter(), clock_, kTimeout);
  auto reset = http.send(get(server));
  EXPECT_EQ(reset.status, PRICEFEED_TRANSIENT);
  EXPECT_FALSE(reset.timed_out) << "only a timeout lengthens the next attempt's timeout";
  SourceHttpRequest bad;
  bad.method = "GET";
  bad.url = "ftp://example.invalid/x";
  EXPECT_EQ(http.send(bad).status, PRICEFEED_PERMANENT);
}

TEST_F(RateLimitedSourceHttpTest, ATimedOutRequestIsMarkedAndTheNextIsGivenTwiceAsLong) {
  TestHttpServer server(kAnswerAfter600Ms);
  using std::chrono::milliseconds;
  RateLimitedSourceHttp http("yahoo", client_, limiter(), clock_,
                             SourceTimeouts{milliseconds(300), milliseconds(5000)});
  auto request = get(server);
  auto first = http.send(request);
  EXPECT_EQ(first.status, PRICEFEED_TRANSIENT);
  EXPECT_TRUE(first.timed_out);
  EXPECT_THAT(first.error, HasSubstr("(timeout)"));

  request.timeout_doublings = 2;  // 1.2 s: the 600 ms answer is waited for
  auto later = http.send(request);
  ASSERT_EQ(later.status, PRICEFEED_OK) << later.error;
  EXPECT_FALSE(later.timed_out);
}

TEST_F(RateLimitedSourceHttpTest, DoublingStopsAtTheSourcesCap) {
  TestHttpServer server(kAnswerAfter600Ms);
  using std::chrono::milliseconds;
  RateLimitedSourceHttp http("yahoo", client_, limiter(), clock_,
                             SourceTimeouts{milliseconds(300), milliseconds(400)});
  auto request = get(server);
  request.timeout_doublings = 3;  // 2.4 s uncapped; 400 ms with the cap
  auto outcome = http.send(request);
  EXPECT_EQ(outcome.status, PRICEFEED_TRANSIENT);
  EXPECT_TRUE(outcome.timed_out);
}

// The metrics are process-wide, so this test uses a source name no other test uses.
TEST_F(RateLimitedSourceHttpTest, EveryRequestSentIsTimedUnderItsStatusAndRateLimitHitsAreCountedByReason) {
  std::atomic<int> status{429};
  TestHttpServer server([&](const auto&) {
    TestReply reply = TestReply::text("Too Many Requests", status.load());
    reply.headers.emplace_back("Retry-After", "30");
    return reply;
  });
  RateLimitedSourceHttp http("metrics_probe", client_, limiter(/*rpm=*/60, /*burst=*/2), clock_, kTimeout,
                             std::chrono::milliseconds(500));
  auto hits = [](std::string_view reason) {
    return host_metrics().rate_limit_hits.labels({"metrics_probe", reason}).value();
  };
  auto timed = [](std::string_view status_label) {
    return host_metrics().upstream_request_duration.labels({"metrics_probe", status_label}).snapshot().count;
  };
  EXPECT_EQ(hits("upstream_answer"), 0);  // every reason is there from the start
  EXPECT_EQ(hits("cooling_down"), 0);
  EXPECT_EQ(hits("no_tokens_in_time"), 0);

  http.send(get(server));  // answered 429
  http.send(get(server));  // refused: cooling down, never sent
  EXPECT_EQ(hits("upstream_answer"), 1);
  EXPECT_EQ(hits("cooling_down"), 1);
  EXPECT_EQ(timed("429"), 1u);

  status = 200;
  // The bucket starts empty when the cooldown ends: 2 s later it holds the 2 units the next request costs.
  clock_.advance(std::chrono::seconds(32));
  SourceHttpRequest heavy = get(server);
  heavy.cost = 2;
  EXPECT_EQ(http.send(heavy).status, PRICEFEED_OK);
  EXPECT_EQ(http.send(get(server)).status, PRICEFEED_RATE_LIMITED);  // no token within 0.5 s
  EXPECT_EQ(hits("no_tokens_in_time"), 1);
  EXPECT_EQ(timed("200"), 1u);

  SourceHttpRequest bad;
  bad.method = "GET";
  bad.url = "ftp://example.invalid/x";
  clock_.advance(std::chrono::seconds(10));
  http.send(bad);
  EXPECT_EQ(timed("error"), 1u);
  EXPECT_EQ(server.requests().size(), 2u);
}

}  // namespace
}  // namespace pricefeed::host
