// The pricefeed-sandbox binary, run the way end-to-end tests will run it.
#include <gtest/gtest.h>

#include <signal.h>

#include <cerrno>
#include <chrono>

#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/sandbox/StreamClient.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;

TEST(SandboxProcessTest, StartsTheBinaryOnAFreePortAndAnswers) {
  SandboxProcess sandbox;
  EXPECT_GT(sandbox.port(), 0);
  EXPECT_EQ(sandbox.base_url(), "http://127.0.0.1:" + std::to_string(sandbox.port()));
  EXPECT_EQ(sandbox.get("/__sandbox/health").body, "ok");
  auto chart = sandbox.get("/v8/finance/chart/AAPL?interval=1d&period1=1577836800&period2=1578009600");
  EXPECT_EQ(chart.status, 200u);
  EXPECT_EQ(json::parse(chart.body)["chart"]["result"][0]["timestamp"][0], 1577975400);
}

TEST(SandboxProcessTest, StreamUrlServesBinancesStreamWithTheExtraPairs) {
  SandboxProcess sandbox({"--binance-extra-pairs", "3"});
  EXPECT_EQ(sandbox.stream_url(), "ws://127.0.0.1:" + std::to_string(sandbox.port()));
  EXPECT_EQ(sandbox.get("/api/v3/ticker/price?symbol=SDX3USDT").status, 200u);
  EXPECT_EQ(sandbox.get("/api/v3/ticker/price?symbol=SDX4USDT").status, 400u);
  testing::StreamClient client(sandbox.port(), "/stream?streams=sdx3usdt@miniTicker");
  auto frame = client.next(std::chrono::seconds{3});
  ASSERT_TRUE(frame);
  EXPECT_EQ(json::parse(*frame)["data"]["s"], "SDX3USDT");
}

TEST(SandboxProcessTest, CommandLineFlagsTakeEffect) {
  SandboxProcess sandbox({"--seed", "7", "--fault", "yahoo.chart:503:1", "--rate-limit",
                          "nasdaqtrader=60/min,burst=1", "--now", "2025-02-20T15:00:00Z", "--verbose"});
  const std::string chart = "/v8/finance/chart/MSFT?interval=1d&period1=1609459200&period2=1612137600";
  EXPECT_EQ(sandbox.get(chart).status, 503u);
  auto ok = sandbox.get(chart);
  ASSERT_EQ(ok.status, 200u);
  // Seed 7 in the process gives what PriceModel(7) computes here.
  Instruments instruments;
  auto truth = PriceModel(7).daily_bars(*instruments.find("MSFT"), testing::day("2021-01-01"),
                                        testing::day("2021-01-31"), *parse_instant("2025-02-20T15:00:00Z"));
  json close = json::parse(ok.body)["chart"]["result"][0]["indicators"]["quote"][0]["close"];
  ASSERT_EQ(close.size(), truth.size());
  EXPECT_EQ(close[0].get<double>(), truth[0].close);
  EXPECT_EQ(sandbox.get("/dynamic/SymDir/otherlisted.txt").status, 200u);
  EXPECT_EQ(sandbox.get("/dynamic/SymDir/otherlisted.txt").status, 429u);
  sandbox.add_fault(R"({"route":"yahoo.chart","kind":"429","retry_after":"3"})");
  EXPECT_EQ(sandbox.get(chart).headers["retry-after"], "3");
  EXPECT_NE(sandbox.stats().find("\"yahoo.chart\""), std::string::npos);
  const json logged = json::parse(sandbox.requests("route=yahoo.chart"))["requests"];
  ASSERT_FALSE(logged.empty());
  EXPECT_EQ(logged.back()["status"], 429);
  EXPECT_NE(sandbox.log().find("route=yahoo.chart"), std::string::npos);  // --verbose logs each request
}

TEST(SandboxProcessTest, DestructorStopsTheProcess) {
  pid_t pid = -1;
  {
    SandboxProcess sandbox;
    pid = sandbox.pid();
    EXPECT_EQ(kill(pid, 0), 0);
  }
  EXPECT_EQ(kill(pid, 0), -1);
  EXPECT_EQ(errno, ESRCH);
}

TEST(SandboxProcessTest, TwoSandboxesRunSideBySide) {
  SandboxProcess a, b;
  EXPECT_NE(a.port(), b.port());
  EXPECT_EQ(a.get("/__sandbox/health").status, 200u);
  EXPECT_EQ(b.get("/__sandbox/health").status, 200u);
}

TEST(SandboxProcessTest, BadFlagsAreReportedWithTheProcessOutput) {
  try {
    SandboxProcess sandbox({"--fault", "yahoo.chart:teapot"});
    FAIL() << "started with a bad flag";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown kind"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pricefeed::sandbox
