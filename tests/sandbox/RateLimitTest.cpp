// Token-bucket rate limits with 429 + Retry-After, like the real APIs.
#include <gtest/gtest.h>

#include <thread>

#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using namespace std::chrono;

TEST(RateLimitTest, BucketRefusesBeyondItsBurstAndSaysWhenToRetry) {
  RateLimiter limiter;
  limiter.set("yahoo", RateLimit{30, 2});  // one token every 2 s
  auto t0 = steady_clock::time_point{} + hours{1};
  EXPECT_FALSE(limiter.acquire("yahoo.chart", "yahoo", 1, t0));
  EXPECT_FALSE(limiter.acquire("yahoo.chart", "yahoo", 1, t0));
  EXPECT_EQ(limiter.acquire("yahoo.chart", "yahoo", 1, t0), 2);
  EXPECT_EQ(limiter.acquire("yahoo.quote", "yahoo", 1, t0 + milliseconds(1500)), 1);
  EXPECT_FALSE(limiter.acquire("yahoo.chart", "yahoo", 1, t0 + seconds(2)));
  EXPECT_FALSE(limiter.acquire("binance.klines", "binance", 1, t0));  // other families are not limited
}

TEST(RateLimitTest, SpecsParse) {
  auto [key, limit] = RateLimiter::from_spec("yahoo=33/min");
  EXPECT_EQ(key, "yahoo");
  EXPECT_DOUBLE_EQ(limit.per_minute, 33);
  EXPECT_DOUBLE_EQ(limit.burst, 33);
  auto [k2, l2] = RateLimiter::from_spec("yahoo.chart=2/s,burst=1");
  EXPECT_EQ(k2, "yahoo.chart");
  EXPECT_DOUBLE_EQ(l2.per_minute, 120);
  EXPECT_DOUBLE_EQ(l2.burst, 1);
  EXPECT_THROW(RateLimiter::from_spec("yahoo=33"), std::invalid_argument);
  EXPECT_THROW(RateLimiter::from_spec("yahoo=33/week"), std::invalid_argument);
}

TEST(RateLimitTest, ServerAnswers429WithRetryAfterBeyondTheLimit) {
  SandboxOptions options;
  options.rate_limits = {"yahoo=60/min,burst=2"};
  testing::TestSandbox sandbox(options);
  const std::string chart = "/v8/finance/chart/AAPL?interval=1d&range=5d";
  EXPECT_EQ(sandbox.get(chart).status, 200u);
  EXPECT_EQ(sandbox.get(chart).status, 200u);
  auto limited = sandbox.get(chart);
  EXPECT_EQ(limited.status, 429u);
  EXPECT_EQ(limited.headers["retry-after"], "1");
  EXPECT_EQ(limited.body, "Edge: Too Many Requests");
  EXPECT_EQ(sandbox.get("/dynamic/SymDir/otherlisted.txt").status, 200u);
  EXPECT_EQ(sandbox.get("/__sandbox/health").status, 200u);  // the control API is never limited
  auto stats = nlohmann::json::parse(sandbox.get("/__sandbox/stats").body);
  EXPECT_EQ(stats["routes"]["yahoo.chart"]["rate_limited"], 1);
}

TEST(RateLimitTest, ClientPacedUnderTheLimitNeverSees429) {
  SandboxOptions options;
  options.rate_limits = {"yahoo=300/min,burst=2"};  // one request every 200 ms, one spare for jitter
  testing::TestSandbox sandbox(options);
  auto next = steady_clock::now();
  for (int i = 0; i < 6; ++i) {
    std::this_thread::sleep_until(next);
    next += milliseconds(250);
    EXPECT_EQ(sandbox.get("/v8/finance/chart/MSFT?interval=1d&range=5d").status, 200u) << i;
  }
  EXPECT_EQ(sandbox.sandbox().counters().answers("yahoo.chart", 429), 0u);
}

}  // namespace
}  // namespace pricefeed::sandbox
