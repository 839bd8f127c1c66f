// RateLimitedSourceHttp behind ClusterRateLimiter (limit_scope = "cluster"), two of them standing for
// two hosts on one database: the 429 one host gets keeps the other from asking at all.

#include <chrono>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/plugins/RateLimitedSourceHttp.hpp"
#include "host/ratelimit/ClusterRateLimiter.hpp"
#include "host/ratelimit/ManualClock.hpp"
#include "tests/host/http/support/TestHttpServer.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;
using testing::TestHttpServer;
using testing::TestReply;

const SourceTimeouts kTimeout{std::chrono::seconds{30}, std::chrono::seconds{120}};

struct Host {
  Host(const test::TestDatabase& database, HttpClient& client, ManualClock& clock)
      : pool(database.url(), 1),
        bucket(pool),
        http("yahoo", client, std::make_shared<ClusterRateLimiter>("yahoo", RateLimit{60, 5}, bucket, clock),
             clock, kTimeout) {}

  ConnectionPool pool;
  SharedRateLimitBucket bucket;
  RateLimitedSourceHttp http;
};

TEST(SharedCooldownSourceHttpTest, A429SeenByOneHostKeepsTheOtherFromAskingUntilItsRetryAfter) {
  test::TestDatabase database;
  ManualClock clock;
  HttpClient client;
  TestHttpServer server([](const auto&) {
    TestReply reply = TestReply::text("Too Many Requests", 429);
    reply.headers.emplace_back("Retry-After", "30");
    return reply;
  });
  Host first(database, client, clock);
  Host second(database, client, clock);
  SourceHttpRequest request;
  request.method = "GET";
  request.url = server.url("/chart");

  const SourceHttpOutcome answered = first.http.send(request);
  EXPECT_EQ(answered.status, PRICEFEED_RATE_LIMITED);
  EXPECT_FALSE(answered.held_back) << "the first host asked and was told 429";

  const SourceHttpOutcome held = second.http.send(request);
  EXPECT_EQ(held.status, PRICEFEED_RATE_LIMITED);
  EXPECT_TRUE(held.held_back) << "never sent";
  EXPECT_THAT(held.error, HasSubstr("is cooling down"));
  ASSERT_TRUE(held.retry_after.has_value());
  EXPECT_GT(*held.retry_after, std::chrono::seconds(25));
  EXPECT_EQ(server.requests().size(), 1u);
}

}  // namespace
}  // namespace pricefeed::host
