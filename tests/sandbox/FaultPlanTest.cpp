// Faults on demand through the control API and the command line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;

constexpr const char* kChart = "/v8/finance/chart/AAPL?interval=1d&period1=1577836800&period2=1578009600";

// Sends one request on a raw socket and returns everything received until the server closes.
std::string RawExchange(unsigned short port, const std::string& target, boost::system::error_code& ec) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(request));
  std::string received;
  char buf[4096];
  for (;;) {
    std::size_t n = socket.read_some(boost::asio::buffer(buf), ec);
    received.append(buf, n);
    if (ec) break;
  }
  return received;
}

class FaultPlanTest : public ::testing::Test {
 protected:
  testing::TestSandbox sandbox_{testing::frozen_at("2025-02-20T15:00:00Z")};
  void AddFault(const std::string& body) {
    auto r = sandbox_.post("/__sandbox/faults", body);
    ASSERT_EQ(r.status, 201u) << r.body;
  }
};

TEST_F(FaultPlanTest, TooManyRequestsFaultCarriesRetryAfterForCountRequests) {
  AddFault(R"({"route":"yahoo.chart","kind":"429","retry_after":"2","count":3})");
  for (int i = 0; i < 3; ++i) {
    auto r = sandbox_.get(kChart);
    EXPECT_EQ(r.status, 429u);
    EXPECT_EQ(r.headers["retry-after"], "2");
    EXPECT_EQ(r.body, testing::read_fixture("yahoo/429-body.FROM-NOTES.txt").substr(0, r.body.size()));
  }
  EXPECT_EQ(sandbox_.get(kChart).status, 200u);
}

TEST_F(FaultPlanTest, TooManyRequestsWithoutRetryAfterHasNoHeaderAndDateFormWorks) {
  AddFault(R"({"route":"yahoo","kind":"429"})");
  auto plain = sandbox_.get(kChart);
  EXPECT_EQ(plain.status, 429u);
  EXPECT_EQ(plain.headers.count("retry-after"), 0u);
  AddFault(R"({"route":"yahoo.chart","kind":"429","retry_after":"date+5"})");
  auto dated = sandbox_.get(kChart);
  EXPECT_EQ(dated.headers["retry-after"], "Thu, 20 Feb 2025 15:00:05 GMT");
  AddFault(R"({"route":"yahoo.chart","kind":"418","retry_after":120})");
  auto banned = sandbox_.get(kChart);
  EXPECT_EQ(banned.status, 418u);
  EXPECT_EQ(banned.headers["retry-after"], "120");
}

TEST_F(FaultPlanTest, FaultForOneSymbolLeavesOthersAlone) {
  AddFault(R"({"route":"yahoo.chart","symbol":"msft","kind":"503","count":-1})");
  EXPECT_EQ(sandbox_.get("/v8/finance/chart/MSFT?interval=1d&range=5d").status, 503u);
  EXPECT_EQ(sandbox_.get("/v8/finance/chart/MSFT?interval=1d&range=5d").status, 503u);
  EXPECT_EQ(sandbox_.get(kChart).status, 200u);
  sandbox_.post("/__sandbox/reset");
  EXPECT_EQ(sandbox_.get("/v8/finance/chart/MSFT?interval=1d&range=5d").status, 200u);
}

TEST_F(FaultPlanTest, TruncatedFaultSendsLessThanContentLengthThenCloses) {
  AddFault(R"({"route":"yahoo.chart","kind":"truncated"})");
  boost::system::error_code ec;
  std::string wire = RawExchange(sandbox_.port(), kChart, ec);
  EXPECT_EQ(ec, boost::asio::error::eof);
  auto head_end = wire.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  std::string head = wire.substr(0, head_end);
  auto cl = head.find("Content-Length: ");
  ASSERT_NE(cl, std::string::npos);
  std::size_t declared = std::stoul(head.substr(cl + 16));
  std::size_t got = wire.size() - head_end - 4;
  EXPECT_GT(got, 0u);
  EXPECT_LT(got, declared);
  EXPECT_EQ(sandbox_.get(kChart).status, 200u);  // count 1: the next one is whole
}

TEST_F(FaultPlanTest, ResetFaultClosesTheConnectionWithoutAnAnswer) {
  AddFault(R"({"route":"yahoo.chart","kind":"reset"})");
  boost::system::error_code ec;
  std::string wire = RawExchange(sandbox_.port(), kChart, ec);
  EXPECT_TRUE(wire.empty());
  EXPECT_TRUE(ec == boost::asio::error::connection_reset || ec == boost::asio::error::eof) << ec.message();
  auto stats = json::parse(sandbox_.get("/__sandbox/stats").body);
  EXPECT_EQ(stats["routes"]["yahoo.chart"]["faults"]["reset"], 1);
}

TEST_F(FaultPlanTest, MalformedFaultIsInvalidJsonWith200) {
  AddFault(R"({"route":"yahoo.chart","kind":"malformed"})");
  auto r = sandbox_.get(kChart);
  EXPECT_EQ(r.status, 200u);
  EXPECT_FALSE(r.body.empty());
  EXPECT_FALSE(json::accept(r.body));
  AddFault(R"({"route":"nasdaqtrader","kind":"malformed"})");
  auto page = sandbox_.get("/dynamic/SymDir/nasdaqlisted.txt");
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(page.body.rfind("<!DOCTYPE html>", 0), 0u);
}

TEST_F(FaultPlanTest, SlowFaultDelaysTheAnswer) {
  AddFault(R"({"route":"yahoo.chart","kind":"slow","delay_ms":300})");
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(sandbox_.get(kChart).status, 200u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
}

TEST_F(FaultPlanTest, ServerErrorsUnauthorizedAndUnknownSymbolUseTheApisBodies) {
  AddFault(R"({"route":"yahoo.chart","kind":"500"})");
  auto e500 = sandbox_.get(kChart);
  EXPECT_EQ(e500.status, 500u);
  EXPECT_TRUE(json::parse(e500.body)["chart"]["result"].is_null());
  AddFault(R"({"route":"yahoo.chart","kind":"unknown_symbol"})");
  auto e404 = sandbox_.get(kChart);
  EXPECT_EQ(e404.status, 404u);
  EXPECT_EQ(json::parse(e404.body), testing::fixture_json("yahoo/chart-404-unknown-symbol.FROM-LOG.json"));
  AddFault(R"({"route":"yahoo.quote","kind":"401"})");
  auto e401 = sandbox_.get("/v7/finance/quote?symbols=AAPL");
  EXPECT_EQ(json::parse(e401.body), testing::fixture_json("yahoo/401-invalid-crumb.FROM-LOG.json"));
}

TEST(FaultSpecTest, CommandLineAndJsonFormsParse) {
  Fault f = FaultPlan::from_spec("yahoo.chart:503:2");
  EXPECT_EQ(f.route, "yahoo.chart");
  EXPECT_EQ(f.kind, FaultKind::http503);
  EXPECT_EQ(f.count, 2);
  Fault g = FaultPlan::from_spec("yahoo:429:-1:symbol=AAPL:retry_after=Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_EQ(g.count, -1);
  EXPECT_EQ(g.symbol, "AAPL");
  EXPECT_EQ(g.retry_after, "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_EQ(FaultPlan::from_spec("*:slow:delay_ms=50").delay_ms, 50);
  EXPECT_THROW(FaultPlan::from_spec("yahoo.chart:teapot"), std::invalid_argument);
  EXPECT_THROW(FaultPlan::from_json(json{{"kind", "429"}, {"count", 0}}), std::invalid_argument);
}

// Random mode (the soak test's weather): a fault with a probability hits about that share of the
// matching requests, reproducibly from its seed, and counts only its hits in `applied`.
std::vector<bool> Hits(FaultPlan& plan, int requests) {
  std::vector<bool> hits;
  for (int i = 0; i < requests; ++i)
    hits.push_back(plan.take("yahoo.chart", "yahoo", {"AAPL"}).has_value());
  return hits;
}

TEST(RandomFaultTest, HitsAboutItsShareOfRequestsAndCountsOnlyTheHits) {
  FaultPlan plan(11);
  plan.add(
      FaultPlan::from_json(json{{"route", "yahoo"}, {"kind", "500"}, {"count", -1}, {"probability", 0.25}}));
  const auto hits = Hits(plan, 4000);
  const auto hit_count = std::count(hits.begin(), hits.end(), true);
  EXPECT_GT(hit_count, 4000 * 0.22);
  EXPECT_LT(hit_count, 4000 * 0.28);
  ASSERT_EQ(plan.list().size(), 1u);
  EXPECT_EQ(plan.list()[0].applied, hit_count);
  EXPECT_EQ(plan.list()[0].draws, 4000u);
}

TEST(RandomFaultTest, ARequestItSparesGoesToTheNextFaultAndSpendsNoneOfItsCount) {
  FaultPlan plan(5);
  plan.add(FaultPlan::from_json(json{{"route", "*"}, {"kind", "429"}, {"count", 3}, {"probability", 0.5}}));
  plan.add(FaultPlan::from_json(json{{"route", "*"}, {"kind", "503"}, {"count", -1}}));
  int first = 0;
  int second = 0;
  for (int i = 0; i < 200; ++i) {
    auto f = plan.take("yahoo.chart", "yahoo", {});
    ASSERT_TRUE(f.has_value());
    (f->kind == FaultKind::http429 ? first : second)++;
  }
  EXPECT_EQ(first, 3);  // its count, then it is gone
  EXPECT_EQ(second, 197);
  ASSERT_EQ(plan.list().size(), 1u);
  EXPECT_EQ(plan.list()[0].kind, FaultKind::http503);
}

TEST(RandomFaultTest, TheSameSeedGivesTheSameHitsAndTheFaultsOwnSeedWinsOverThePlans) {
  auto run = [](std::uint64_t plan_seed, std::optional<std::uint64_t> fault_seed) {
    FaultPlan plan(plan_seed);
    json j{{"route", "yahoo.chart"}, {"kind", "reset"}, {"count", -1}, {"probability", 0.3}};
    if (fault_seed) j["seed"] = *fault_seed;
    plan.add(FaultPlan::from_json(j));
    return Hits(plan, 300);
  };
  EXPECT_EQ(run(1, std::nullopt), run(1, std::nullopt));
  EXPECT_NE(run(1, std::nullopt), run(2, std::nullopt));
  EXPECT_EQ(run(1, 42), run(2, 42));
  // Probability 1 is every request, like a fault without one.
  FaultPlan always;
  always.add(FaultPlan::from_json(json{{"kind", "500"}, {"count", -1}, {"probability", "1"}}));
  const auto hits = Hits(always, 50);
  EXPECT_EQ(std::count(hits.begin(), hits.end(), true), 50);
}

TEST(RandomFaultTest, AProbabilityOutsideZeroToOneOrABadSeedIsRefusedNamingTheField) {
  for (const json& bad : {json(0), json(1.5), json(-0.1), json("often"), json("0.5x")}) {
    try {
      FaultPlan::from_json(json{{"kind", "500"}, {"probability", bad}});
      ADD_FAILURE() << "accepted probability " << bad.dump();
    } catch (const std::invalid_argument& e) {
      EXPECT_THAT(std::string(e.what()), ::testing::HasSubstr("'probability'")) << e.what();
      EXPECT_THAT(std::string(e.what()), ::testing::HasSubstr("(0, 1]")) << e.what();
    }
  }
  try {
    FaultPlan::from_json(json{{"kind", "500"}, {"probability", 0.5}, {"seed", -3}});
    ADD_FAILURE() << "accepted seed -3";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(std::string(e.what()), ::testing::HasSubstr("'seed'")) << e.what();
  }
  Fault f = FaultPlan::from_spec("*:truncated:-1:probability=0.05:seed=9");
  EXPECT_EQ(f.probability, 0.05);
  EXPECT_EQ(f.seed, 9u);
  EXPECT_EQ(f.count, -1);
  EXPECT_THROW(FaultPlan::from_spec("*:500:-1:probability=2"), std::invalid_argument);
}

TEST_F(FaultPlanTest, ARandomFaultThroughTheControlApiListsItsHitsAsApplied) {
  AddFault(R"({"route":"yahoo.chart","kind":"503","count":-1,"probability":0.5,"seed":3})");
  int failed = 0;
  for (int i = 0; i < 40; ++i)
    failed += sandbox_.get(kChart).status == 503u ? 1 : 0;
  EXPECT_GT(failed, 0);
  EXPECT_LT(failed, 40);
  auto listed = json::parse(sandbox_.get("/__sandbox/faults").body)["faults"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["applied"], failed);
  EXPECT_EQ(listed[0]["draws"], 40);
  EXPECT_EQ(listed[0]["probability"], 0.5);
  EXPECT_EQ(listed[0]["seed"], 3);
  auto refused = sandbox_.post("/__sandbox/faults", R"({"kind":"500","probability":0})");
  EXPECT_EQ(refused.status, 400u);
  EXPECT_THAT(refused.body, ::testing::HasSubstr("'probability' must be in (0, 1]"));
}

}  // namespace
}  // namespace pricefeed::sandbox
