// The control API: health, stats, the request log, reset, faults, clock.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;

TEST(ControlApiTest, HealthAnswersOk) {
  testing::TestSandbox sandbox;
  auto r = sandbox.get("/__sandbox/health");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "ok");
}

TEST(ControlApiTest, StatsCountRequestsAndAnswersByStatus) {
  testing::TestSandbox sandbox;
  sandbox.get("/v8/finance/chart/AAPL?interval=1d&range=5d");
  sandbox.get("/v8/finance/chart/AAPL?interval=1d&range=5d");
  sandbox.get("/v8/finance/chart/NOSUCH?interval=1d&range=5d");
  sandbox.get("/nowhere");
  json stats = json::parse(sandbox.get("/__sandbox/stats").body);
  EXPECT_EQ(stats["routes"]["yahoo.chart"]["requests"], 3);
  EXPECT_EQ(stats["routes"]["yahoo.chart"]["status"]["200"], 2);
  EXPECT_EQ(stats["routes"]["yahoo.chart"]["status"]["404"], 1);
  EXPECT_EQ(stats["routes"]["unmatched"]["status"]["404"], 1);
  EXPECT_GE(stats["total"]["requests"].get<int>(), 4);
}

TEST(ControlApiTest, RequestsListsEachAnsweredRequestWithItsTimeRouteStatusAndClient) {
  testing::TestSandbox sandbox;
  sandbox.post("/__sandbox/faults", R"({"route":"yahoo.chart","kind":"429","retry_after":"12","count":1})");
  const auto before = std::chrono::system_clock::now();
  sandbox.get("/v8/finance/chart/AAPL?range=5d", {{"User-Agent", "host-1"}});
  sandbox.get("/v7/finance/quote?symbols=MSFT,NVDA", {{"User-Agent", "host-2"}});
  sandbox.get("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd", {{"x-cg-demo-api-key", "CG-key-1"}});
  sandbox.get("/nowhere");
  const auto after = std::chrono::system_clock::now();

  json log = json::parse(sandbox.get("/__sandbox/requests").body);
  const json& requests = log["requests"];
  ASSERT_EQ(requests.size(), 4u) << log.dump();  // control requests are not logged
  EXPECT_EQ(requests[0]["route"], "yahoo.chart");
  EXPECT_EQ(requests[0]["family"], "yahoo");
  EXPECT_EQ(requests[0]["method"], "GET");
  EXPECT_EQ(requests[0]["target"], "/v8/finance/chart/AAPL?range=5d");
  EXPECT_EQ(requests[0]["symbols"], json::array({"AAPL"}));
  EXPECT_EQ(requests[0]["status"], 429);
  EXPECT_EQ(requests[0]["fault"], "429");
  EXPECT_EQ(requests[0]["user_agent"], "host-1");
  EXPECT_THAT(requests[0]["peer"].get<std::string>(), ::testing::StartsWith("127.0.0.1:"));
  const auto ms = [](auto t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  };
  EXPECT_GE(requests[0]["received_ms"].get<std::int64_t>(), ms(before));
  EXPECT_LE(requests[0]["received_ms"].get<std::int64_t>(), ms(after));
  EXPECT_EQ(requests[1]["route"], "yahoo.quote");
  EXPECT_EQ(requests[1]["symbols"], json::array({"MSFT", "NVDA"}));
  EXPECT_EQ(requests[1]["user_agent"], "host-2");
  EXPECT_FALSE(requests[1].contains("fault"));
  EXPECT_FALSE(requests[1].contains("api_key"));
  EXPECT_EQ(requests[2]["family"], "coingecko");
  EXPECT_EQ(requests[2]["api_key"], "CG-key-1");
  EXPECT_EQ(requests[3]["route"], "unmatched");
  EXPECT_EQ(requests[3]["status"], 404);
  EXPECT_LT(requests[0]["seq"].get<int>(), requests[1]["seq"].get<int>());
  EXPECT_EQ(log["dropped"], 0);
}

TEST(ControlApiTest, ARequestAnsweredByAResetIsLoggedWithStatusZero) {
  testing::TestSandbox sandbox;
  sandbox.post("/__sandbox/faults", R"({"route":"yahoo.chart","kind":"reset","count":1})");
  EXPECT_ANY_THROW(sandbox.get("/v8/finance/chart/AAPL?range=5d"));
  const json requests = json::parse(sandbox.get("/__sandbox/requests").body)["requests"];
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["status"], 0);
  EXPECT_EQ(requests[0]["fault"], "reset");
}

TEST(ControlApiTest, RequestsFilterByFamilyRouteAndWhatCameAfterASeq) {
  testing::TestSandbox sandbox;
  sandbox.get("/v8/finance/chart/AAPL?range=5d");
  sandbox.get("/dynamic/SymDir/nasdaqlisted.txt");
  sandbox.get("/v8/finance/chart/MSFT?range=5d");
  const json yahoo = json::parse(sandbox.get("/__sandbox/requests?family=yahoo").body)["requests"];
  ASSERT_EQ(yahoo.size(), 2u);
  EXPECT_EQ(
      json::parse(sandbox.get("/__sandbox/requests?route=nasdaqtrader.nasdaqlisted").body)["requests"].size(),
      1u);
  const json later = json::parse(sandbox
                                     .get("/__sandbox/requests?family=yahoo&after=" +
                                          std::to_string(yahoo[0]["seq"].get<std::uint64_t>()))
                                     .body)["requests"];
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0]["symbols"], json::array({"MSFT"}));
  EXPECT_EQ(sandbox.get("/__sandbox/requests?after=soon").status, 400u);
}

TEST(ControlApiTest, RequestsCanBeClearedAloneOrWithReset) {
  testing::TestSandbox sandbox;
  sandbox.get("/v8/finance/chart/AAPL?range=5d");
  EXPECT_EQ(http_request(sandbox.port(), "DELETE", "/__sandbox/requests").status, 200u);
  EXPECT_EQ(json::parse(sandbox.get("/__sandbox/requests").body)["requests"].size(), 0u);
  sandbox.get("/v8/finance/chart/AAPL?range=5d");
  sandbox.post("/__sandbox/reset");
  EXPECT_EQ(json::parse(sandbox.get("/__sandbox/requests").body)["requests"].size(), 0u);
}

TEST(ControlApiTest, ResetClearsCountersAndFaults) {
  testing::TestSandbox sandbox;
  sandbox.post("/__sandbox/faults", R"({"route":"yahoo.chart","kind":"500","count":-1})");
  EXPECT_EQ(sandbox.get("/v8/finance/chart/AAPL?range=5d").status, 500u);
  EXPECT_EQ(sandbox.post("/__sandbox/reset").status, 200u);
  json stats = json::parse(sandbox.get("/__sandbox/stats").body);
  EXPECT_FALSE(stats["routes"].contains("yahoo.chart"));
  EXPECT_EQ(json::parse(sandbox.get("/__sandbox/faults").body)["faults"].size(), 0u);
  EXPECT_EQ(sandbox.get("/v8/finance/chart/AAPL?range=5d").status, 200u);
}

TEST(ControlApiTest, FaultsCanBeListedAndDeleted) {
  testing::TestSandbox sandbox;
  json added =
      json::parse(sandbox.post("/__sandbox/faults", R"({"route":"yahoo","kind":"503","count":5})").body);
  json listed = json::parse(sandbox.get("/__sandbox/faults").body)["faults"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["kind"], "503");
  EXPECT_EQ(listed[0]["count"], 5);
  auto del =
      http_request(sandbox.port(), "DELETE", "/__sandbox/faults/" + std::to_string(added["id"].get<int>()));
  EXPECT_EQ(del.status, 200u);
  EXPECT_EQ(json::parse(sandbox.get("/__sandbox/faults").body)["faults"].size(), 0u);
}

TEST(ControlApiTest, BadFaultsAnswer400) {
  testing::TestSandbox sandbox;
  EXPECT_EQ(sandbox.post("/__sandbox/faults", R"({"kind":"teapot"})").status, 400u);
  EXPECT_EQ(sandbox.post("/__sandbox/faults", "not json").status, 400u);
}

TEST(ControlApiTest, ClockCanBeFrozenAndReleased) {
  testing::TestSandbox sandbox;
  auto r = sandbox.post("/__sandbox/clock", R"({"now":"2024-03-15T14:00:00Z"})");
  EXPECT_EQ(json::parse(r.body)["now"], 1710511200);
  json meta = sandbox.get_json("/v8/finance/chart/AAPL?range=5d")["chart"]["result"][0]["meta"];
  EXPECT_EQ(meta["regularMarketTime"], 1710511200);  // the session is open: the time is now
  sandbox.post("/__sandbox/clock", R"({"now":null})");
  EXPECT_GT(json::parse(sandbox.get("/__sandbox/clock").body)["now"].get<std::int64_t>(), 1710511200);
}

TEST(ControlApiTest, RateLimitsCanBeSetAtRunTime) {
  testing::TestSandbox sandbox;
  sandbox.post("/__sandbox/rate-limits", R"({"route":"nasdaqtrader","per_minute":60,"burst":1})");
  EXPECT_EQ(sandbox.get("/dynamic/SymDir/nasdaqlisted.txt").status, 200u);
  EXPECT_EQ(sandbox.get("/dynamic/SymDir/nasdaqlisted.txt").status, 429u);
  sandbox.post("/__sandbox/rate-limits", R"({"route":"nasdaqtrader","per_minute":null})");
  EXPECT_EQ(sandbox.get("/dynamic/SymDir/nasdaqlisted.txt").status, 200u);
}

TEST(ControlApiTest, TruthListsTheModelsDailyBars) {
  testing::TestSandbox sandbox(testing::frozen_at("2025-02-20T15:00:00Z"));
  json truth = sandbox.get_json("/__sandbox/truth/AAPL?from=2020-01-01&to=2020-01-03");
  ASSERT_EQ(truth["bars"].size(), 2u);
  EXPECT_EQ(truth["bars"][0]["date"], "2020-01-02");
  EXPECT_EQ(truth["bars"][0]["ts"], 1577975400);
}

}  // namespace
}  // namespace pricefeed::sandbox
