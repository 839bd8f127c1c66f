// The host services and sinks are safe to call from any thread during the call they belong to
// (sdk.h): the hammers_host test plugin (tests/plugins/hammers-host) calls every one of them from 8
// threads inside one call, through the real loader, the real HTTP service and a real local server.
// Run under ThreadSanitizer by packaging/test-tsan.sh, where a missing lock is a reported race; here
// (and under ASan) a missing lock shows as lost, doubled or torn records.
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include "host/http/HttpClient.hpp"
#include "host/log/Log.hpp"
#include "host/plugins/HostServices.hpp"
#include "host/plugins/RateLimitedSourceHttp.hpp"
#include "host/plugins/SourceInstance.hpp"
#include "host/ratelimit/RateLimiter.hpp"
#include "host/ratelimit/SteadyClock.hpp"
#include "tests/host/http/support/TestHttpServer.hpp"
#include "tests/host/plugins/CollectingConsumers.hpp"

namespace pricefeed::host {
namespace {

using ::testing::MatchesRegex;
using testing::TestHttpServer;
using testing::TestReply;

// As tests/plugins/hammers-host/hammers_host.cpp: 8 threads of 40 rounds, one record per round.
constexpr int kThreads = 8;
constexpr int kRounds = 40;
constexpr int kRecords = kThreads * kRounds;
constexpr std::int64_t kStart = 1'600'000'000;

std::string echo_path(int n) {
  return "/echo/" + std::to_string(n);
}

class HostServicesThreads : public ::testing::Test {
 protected:
  void SetUp() override {
    configure_logging(LogFormat::json, spdlog::level::info,
                      std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    auto context = std::make_unique<SourceContext>();
    context->name = "hammered";
    // Never short of tokens: this test is about threads, not rate limits.
    context->http = std::make_shared<RateLimitedSourceHttp>(
        "hammered", client_, std::make_shared<RateLimiter>(RateLimit{1e9, kRecords}, clock_), clock_,
        SourceTimeouts{std::chrono::seconds{30}, std::chrono::seconds{60}});
    context_ = context.get();
    source_ = SourceInstance::create(PluginLibrary::load(PRICEFEED_HAMMERS_HOST_PLUGIN, host_services()),
                                     std::move(context), R"({"base_url":")" + server_.url("") + R"("})");
  }
  void TearDown() override { configure_logging(LogFormat::json); }

  // What every call of the plugin leaves behind, whichever records it sent: each request made once
  // and answered, each log line written once, each cache entry intact, and an explanation that is
  // one thread's whole message.
  void expect_services_were_used_once_each(const SourceCallResult& result) {
    EXPECT_THAT(result.message, MatchesRegex("thread [0-7] round [0-9]+"));
    ASSERT_TRUE(result.retry_after.has_value());
    EXPECT_LT(result.retry_after->count(), kRecords);

    std::multiset<std::string> paths;
    for (const auto& request : server_.requests())
      paths.insert(request.target);
    ASSERT_EQ(paths.size(), std::size_t{kRecords});
    for (int n = 0; n < kRecords; ++n)
      EXPECT_EQ(paths.count(echo_path(n)), 1u) << echo_path(n);

    std::istringstream lines(log_.str());
    std::map<std::string, int> logged;  // "thread/round" -> lines
    for (std::string line; std::getline(lines, line);) {
      static const std::regex kHammering(
          R"re(.*"msg":"hammering".*"thread":"([0-7])".*"round":"([0-9]+)".*)re");
      std::smatch m;
      if (std::regex_match(line, m, kHammering)) ++logged[m[1].str() + "/" + m[2].str()];
    }
    ASSERT_EQ(logged.size(), std::size_t{kRecords});
    for (const auto& [line, count] : logged)
      EXPECT_EQ(count, 1) << line;

    const std::int64_t now = context_->now_ms();
    for (int t = 0; t < kThreads; ++t) {
      for (int r = 0; r < kRounds; ++r) {
        const std::string key = "t" + std::to_string(t) + "-r" + std::to_string(r);
        EXPECT_EQ(context_->cache.get(key, now), "v" + std::to_string(t * kRounds + r)) << key;
      }
    }
  }

  TestHttpServer server_{[](const testing::ReceivedRequest& request) {
    return TestReply::text("echo " + request.target.substr(request.target.rfind('/') + 1));
  }};
  std::ostringstream log_;
  SteadyClock clock_;
  HttpClient client_;
  SourceContext* context_ = nullptr;
  std::unique_ptr<SourceInstance> source_;
};

using testing::CollectHistory;
using testing::CollectQuotes;

TEST_F(HostServicesThreads, EveryBarActionAndGapFromEightThreadsInOneCallArrivesOnceAndIntact) {
  CollectHistory out;
  const SourceCallResult result = source_->fetch_history(
      {"HAMR", "", AssetClass::stock, Resolution::day, kStart, kStart + kRecords * 86400}, out);
  ASSERT_EQ(result.status, PRICEFEED_OK) << result.message;

  std::map<std::int64_t, int> bars_at;  // day number -> bars
  for (const Bar& bar : out.bars) {
    const std::int64_t n = (bar.ts - kStart) / 86400;
    ++bars_at[n];
    EXPECT_EQ(bar.ts, kStart + n * 86400);
    for (double value : {bar.open, bar.high, bar.low, bar.close, bar.adj_close, bar.volume})
      EXPECT_EQ(value, double(n)) << "bar " << n;
  }
  ASSERT_EQ(bars_at.size(), std::size_t{kRecords});
  for (const auto& [n, count] : bars_at)
    EXPECT_EQ(count, 1) << "bar " << n;

  std::set<std::int64_t> splits, gaps;
  for (const Action& action : out.actions) {
    EXPECT_EQ(action.kind, Action::Kind::split);
    EXPECT_EQ(action.ts, kStart + std::int64_t(action.numerator) * 86400);
    EXPECT_TRUE(splits.insert(action.ts).second) << "split at " << action.ts << " twice";
  }
  for (const auto& [start, reason] : out.unavailable) {
    EXPECT_EQ(reason, "round " + std::to_string((start - kStart) / 86400));
    EXPECT_TRUE(gaps.insert(start).second) << "gap at " << start << " twice";
  }
  EXPECT_EQ(splits.size(), std::size_t{kThreads * kRounds / 8});  // one every 8th round
  EXPECT_EQ(gaps, splits);

  expect_services_were_used_once_each(result);
}

TEST_F(HostServicesThreads, EveryQuoteFromEightThreadsInOneCallArrivesOnceAndIntact) {
  CollectQuotes out;
  const SourceCallResult result = source_->fetch_quotes({{"HAMR"}, {""}, AssetClass::stock}, out);
  ASSERT_EQ(result.status, PRICEFEED_OK) << result.message;

  std::map<std::string, int> quotes_of;
  for (const Quote& quote : out.quotes) {
    ++quotes_of[quote.symbol];
    const int n = std::stoi(quote.symbol.substr(1));
    EXPECT_EQ(quote.price, double(n)) << quote.symbol;
    EXPECT_EQ(quote.ts, 1'700'000'000 + n) << quote.symbol;
    EXPECT_EQ(quote.currency, "USD") << quote.symbol;
  }
  ASSERT_EQ(quotes_of.size(), std::size_t{kRecords});
  for (const auto& [symbol, count] : quotes_of)
    EXPECT_EQ(count, 1) << symbol;

  expect_services_were_used_once_each(result);
}

}  // namespace
}  // namespace pricefeed::host
