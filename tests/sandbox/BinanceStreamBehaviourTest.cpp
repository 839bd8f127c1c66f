// The stream's behaviour as Binance documents it: subscriptions, the frame rate, Binance's limits,
// pings, the connection lifetime, the faults on demand and what the control API reports.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "tests/sandbox/BinanceStreamMessages.hpp"
#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/StreamClient.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::StreamClient;
using namespace std::chrono_literals;

class BinanceStreamBehaviourTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2025-02-18T15:00:00Z"); }
  void SetUp() override {
    settings(R"({"frames_per_second":1,"ping_interval_ms":20000,"pong_timeout_ms":60000,)"
             R"("lifetime_ms":86400000,"max_streams":1024,"max_messages_per_second":5})");
    sandbox_->post("/__sandbox/reset");
  }

  static void settings(const std::string& body) {
    ASSERT_EQ(sandbox_->post("/__sandbox/binance/stream", body).status, 200u) << body;
  }
  static json stream_state() { return sandbox_->get_json("/__sandbox/binance/stream"); }
  static json fault(const std::string& body) {
    auto r = sandbox_->post("/__sandbox/binance/stream/faults", body);
    EXPECT_EQ(r.status, 201u) << r.body;
    return json::parse(r.body);
  }

  // The miniTicker frames received within `window`, by symbol; other messages are dropped.
  static std::map<std::string, int> frames_within(StreamClient& client, std::chrono::milliseconds window) {
    std::map<std::string, int> out;
    const auto end = std::chrono::steady_clock::now() + window;
    while (std::chrono::steady_clock::now() < end) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      auto m = client.next(std::max(left, 1ms));
      if (!m) continue;
      json j = json::parse(*m, nullptr, false);
      if (j.contains("data") && j["data"].contains("s")) ++out[j["data"]["s"].get<std::string>()];
    }
    return out;
  }
};

TEST_F(BinanceStreamBehaviourTest, SubscribeStartsFramesAndUnsubscribeStopsThem) {
  StreamClient client(sandbox_->port());
  EXPECT_EQ(client.request("SUBSCRIBE", {"btcusdt@miniTicker", "ethusdt@miniTicker"}, 1),
            json::parse(R"({"result":null,"id":1})"));
  auto seen = frames_within(client, 2500ms);
  EXPECT_GE(seen["BTCUSDT"], 2);
  EXPECT_GE(seen["ETHUSDT"], 2);
  EXPECT_EQ(client.request("UNSUBSCRIBE", {"ethusdt@miniTicker"}, 2)["result"], nullptr);
  frames_within(client, 1200ms);  // a frame may be on its way
  seen = frames_within(client, 2000ms);
  EXPECT_GE(seen["BTCUSDT"], 1);
  EXPECT_EQ(seen.count("ETHUSDT"), 0u);
}

TEST_F(BinanceStreamBehaviourTest, ListSubscriptionsNamesTheStreamsInOrder) {
  StreamClient client(sandbox_->port(), "/stream?streams=btcusdt@miniTicker");
  client.request("SUBSCRIBE", {"ethusdt@miniTicker", "btcusdt@miniTicker", "solusdt@kline_1m"}, 7);
  EXPECT_EQ(client.request("LIST_SUBSCRIPTIONS", json(), 8)["result"],
            json({"btcusdt@miniTicker", "ethusdt@miniTicker", "solusdt@kline_1m"}));
}

TEST_F(BinanceStreamBehaviourTest, UnlistedOrHaltedSymbolIsTakenSilentlyAndSentNothing) {
  // Binance answers a subscription to a symbol it does not list like any other, and never sends on it
  // (JKorf/Binance.Net issue 620). A pair whose trading has stopped (LUNAUSDT, in BREAK) has no ticker
  // to send either.
  StreamClient client(sandbox_->port());
  const json streams = {"nosuchusdt@miniTicker", "lunausdt@miniTicker", "btcusdt@miniTicker"};
  EXPECT_EQ(client.request("SUBSCRIBE", streams, 1)["result"], nullptr);
  EXPECT_EQ(client.request("LIST_SUBSCRIPTIONS", json(), 2)["result"].size(), 3u);
  const auto seen = frames_within(client, 2200ms);
  EXPECT_GE(seen.at("BTCUSDT"), 2);
  EXPECT_EQ(seen.count("NOSUCHUSDT"), 0u);
  EXPECT_EQ(seen.count("LUNAUSDT"), 0u);
}

TEST_F(BinanceStreamBehaviourTest, BadRequestsGetBinancesErrorShape) {
  StreamClient client(sandbox_->port());
  EXPECT_EQ(client.request("SUBSCRIBE", {"BTCUSDT@miniTicker"}, 1),
            json::parse(R"({"error":{"code":2,"msg":"Invalid request: invalid stream"},"id":1})"));
  const json unknown = client.request("SUBSCRIBER", json::array(), 2);
  EXPECT_EQ(unknown["error"]["code"], 2);
  EXPECT_TRUE(unknown["error"]["msg"].get<std::string>().starts_with(
      "Invalid request: unknown variant `SUBSCRIBER`"));
  client.send("{not json");
  auto m = client.next(3s);
  ASSERT_TRUE(m);
  const json bad = json::parse(*m);
  EXPECT_EQ(bad["error"]["code"], 3);
  EXPECT_EQ(bad["id"], nullptr);
}

TEST_F(BinanceStreamBehaviourTest, FramesFollowTheRateSetThroughTheControlApi) {
  settings(R"({"frames_per_second":10})");
  json streams = json::array();
  for (const char* p : {"btc", "eth", "bnb", "xrp", "sol", "ada", "doge", "trx", "dot", "ltc"})
    streams.push_back(std::string(p) + "usdt@miniTicker");
  StreamClient client(sandbox_->port());
  client.request("SUBSCRIBE", streams, 1);
  frames_within(client, 300ms);
  const auto seen = frames_within(client, 2000ms);
  ASSERT_EQ(seen.size(), 10u);
  for (const auto& [pair, n] : seen) {
    EXPECT_GE(n, 16) << pair;  // 10 a second for 2 s, give or take a tick
    EXPECT_LE(n, 23) << pair;
  }
  EXPECT_GE(stream_state()["counters"]["frames_sent"].get<int>(), 160);
}

TEST_F(BinanceStreamBehaviourTest, MoreThanFiveMessagesASecondCloseTheConnection) {
  StreamClient client(sandbox_->port());
  for (int i = 1; i <= 5; ++i)
    client.send(json{{"method", "LIST_SUBSCRIPTIONS"}, {"id", i}}.dump());
  EXPECT_FALSE(client.ended(300ms));
  client.send(R"({"method":"LIST_SUBSCRIPTIONS","id":6})");
  const auto ending = client.ended(3s);
  ASSERT_TRUE(ending);
  EXPECT_TRUE(ending->close_frame);
  EXPECT_EQ(ending->code, 1008);
  EXPECT_EQ(ending->reason, "Too many requests");
  EXPECT_EQ(stream_state()["counters"]["limit_violations"]["message_rate"], 1);
}

TEST_F(BinanceStreamBehaviourTest, FiveMessagesASecondAreAllowed) {
  StreamClient client(sandbox_->port());
  for (int i = 1; i <= 12; ++i) {
    client.request("LIST_SUBSCRIPTIONS", json(), i);
    std::this_thread::sleep_for(220ms);
  }
  EXPECT_FALSE(client.ended(100ms));
  EXPECT_EQ(stream_state()["counters"]["limit_violations"]["message_rate"], 0);
}

TEST_F(BinanceStreamBehaviourTest, AConnectionListensToAtMost1024Streams) {
  json first = json::array(), second = json::array();
  for (int i = 0; i < 1024; ++i)
    first.push_back("sdc" + std::to_string(i) + "usdt@miniTicker");
  second.push_back("btcusdt@miniTicker");
  StreamClient client(sandbox_->port());
  EXPECT_EQ(client.request("SUBSCRIBE", first, 1)["result"], nullptr);
  const json refused = client.request("SUBSCRIBE", second, 2);
  EXPECT_EQ(refused["error"]["code"], 2) << refused;
  EXPECT_EQ(client.request("LIST_SUBSCRIPTIONS", json(), 3)["result"].size(), 1024u);
  EXPECT_EQ(stream_state()["counters"]["limit_violations"]["streams"], 1);
  EXPECT_EQ(stream_state()["connections"][0]["subscriptions"], 1024);
}

TEST_F(BinanceStreamBehaviourTest, MoreThan1024StreamsInTheUrlAreRefused) {
  std::string target = "/stream?streams=";
  for (int i = 0; i < 1025; ++i)
    target += (i ? "/" : "") + std::string("sdc") + std::to_string(i) + "usdt@miniTicker";
  EXPECT_THROW(StreamClient(sandbox_->port(), target), std::exception);
  EXPECT_EQ(stream_state()["counters"]["limit_violations"]["streams"], 1);
}

TEST_F(BinanceStreamBehaviourTest, ServerPingsAtTheConfiguredInterval) {
  settings(R"({"ping_interval_ms":200})");
  StreamClient client(sandbox_->port());
  std::this_thread::sleep_for(1100ms);
  EXPECT_GE(client.pings_received(), 4);
  EXPECT_LE(client.pings_received(), 6);
  EXPECT_FALSE(client.ended(10ms));  // Beast answers each with a pong
}

TEST_F(BinanceStreamBehaviourTest, ConnectionIsClosedAtTheEndOfItsLifetime) {
  settings(R"({"lifetime_ms":800})");
  StreamClient client(sandbox_->port());
  EXPECT_FALSE(client.ended(500ms));
  const auto ending = client.ended(2s);
  ASSERT_TRUE(ending);
  EXPECT_TRUE(ending->close_frame);
  EXPECT_EQ(ending->code, 1001);
  EXPECT_EQ(stream_state()["counters"]["lifetime_closes"], 1);
}

TEST_F(BinanceStreamBehaviourTest, DropFaultClosesTcpWithoutACloseFrame) {
  StreamClient client(sandbox_->port(), "/stream?streams=btcusdt@miniTicker");
  client.request("LIST_SUBSCRIPTIONS", json(), 1);
  EXPECT_EQ(fault(R"({"kind":"drop"})")["connections"].size(), 1u);
  const auto ending = client.ended(3s);
  ASSERT_TRUE(ending);
  EXPECT_FALSE(ending->close_frame) << ending->error;
}

TEST_F(BinanceStreamBehaviourTest, StallFaultStopsFramesAndAnswersForItsDuration) {
  StreamClient client(sandbox_->port(), "/stream?streams=btcusdt@miniTicker");
  client.request("LIST_SUBSCRIPTIONS", json(), 1);
  fault(R"({"kind":"stall","seconds":2})");
  frames_within(client, 200ms);  // a frame already on its way
  client.send(R"({"method":"LIST_SUBSCRIPTIONS","id":2})");
  EXPECT_FALSE(client.next(1500ms)) << "nothing while stalled";
  auto answer = client.next(2s);  // the held answer comes out when the stall ends
  ASSERT_TRUE(answer);
  EXPECT_EQ(json::parse(*answer)["id"], 2);
  EXPECT_GE(frames_within(client, 2200ms)["BTCUSDT"], 1);
}

TEST_F(BinanceStreamBehaviourTest, StalledConnectionAnswersNoPingUntilTheStallEnds) {
  StreamClient client(sandbox_->port());
  client.ping();
  for (int i = 0; i < 50 && client.pongs_received() == 0; ++i)
    std::this_thread::sleep_for(20ms);
  ASSERT_EQ(client.pongs_received(), 1);
  fault(R"({"kind":"stall","seconds":1})");
  std::this_thread::sleep_for(100ms);
  client.ping();
  std::this_thread::sleep_for(600ms);
  EXPECT_EQ(client.pongs_received(), 1) << "a stalled server leaves pings unanswered";
  std::this_thread::sleep_for(800ms);
  EXPECT_EQ(client.pongs_received(), 2);
}

TEST_F(BinanceStreamBehaviourTest, ClientThatNeverPongsIsDisconnected) {
  settings(R"({"ping_interval_ms":100,"pong_timeout_ms":300})");
  // A Beast stream answers pings only while it reads: this one does not read until it is too late.
  boost::asio::io_context ioc;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws(ioc);
  boost::beast::get_lowest_layer(ws).connect({boost::asio::ip::make_address("127.0.0.1"), sandbox_->port()});
  ws.handshake("127.0.0.1", "/stream");
  std::this_thread::sleep_for(800ms);
  boost::beast::flat_buffer buffer;
  boost::system::error_code ec;
  while (!ec)
    ws.read(buffer, ec);
  EXPECT_EQ(ec, boost::beast::websocket::error::closed) << ec.message();
  EXPECT_EQ(ws.reason().code, 1008);
  EXPECT_EQ(stream_state()["counters"]["pong_timeouts"], 1);
}

TEST_F(BinanceStreamBehaviourTest, MalformedFaultSendsOneFrameThatDoesNotParse) {
  StreamClient client(sandbox_->port(), "/stream?streams=btcusdt@miniTicker");
  client.request("LIST_SUBSCRIPTIONS", json(), 1);
  client.clear();
  fault(R"({"kind":"malformed"})");
  int broken = 0, whole = 0;
  for (int i = 0; i < 4; ++i) {
    auto m = client.next(2s);
    ASSERT_TRUE(m);
    json::accept(*m) ? ++whole : ++broken;
  }
  EXPECT_EQ(broken, 1);
  EXPECT_FALSE(client.ended(10ms));
}

TEST_F(BinanceStreamBehaviourTest, ShutdownFaultSendsTheNoticeThenGoesAway) {
  StreamClient client(sandbox_->port(), "/stream?streams=btcusdt@miniTicker");
  client.request("LIST_SUBSCRIPTIONS", json(), 1);
  client.clear();
  fault(R"({"kind":"shutdown","close_after_ms":500})");
  bool notice = false;
  for (int i = 0; i < 3 && !notice; ++i) {
    auto m = client.next(2s);
    ASSERT_TRUE(m);
    notice = json::parse(*m).value("stream", "") == "!serverShutdown";
  }
  EXPECT_TRUE(notice);
  const auto ending = client.ended(3s);
  ASSERT_TRUE(ending);
  EXPECT_TRUE(ending->close_frame);
  EXPECT_EQ(ending->code, 1001);
}

TEST_F(BinanceStreamBehaviourTest, FaultForOneSymbolHitsOnlyItsConnection) {
  StreamClient btc(sandbox_->port(), "/stream?streams=btcusdt@miniTicker");
  StreamClient eth(sandbox_->port(), "/stream?streams=ethusdt@miniTicker");
  btc.request("LIST_SUBSCRIPTIONS", json(), 1);
  eth.request("LIST_SUBSCRIPTIONS", json(), 1);
  EXPECT_EQ(fault(R"({"kind":"drop","symbol":"ETHUSDT"})")["connections"].size(), 1u);
  EXPECT_TRUE(eth.ended(3s));
  EXPECT_FALSE(btc.ended(500ms));
}

TEST_F(BinanceStreamBehaviourTest, ControlApiCountsConnectionsAndMessages) {
  {
    StreamClient client(sandbox_->port(), "/stream?streams=btcusdt@miniTicker");
    client.request("SUBSCRIBE", {"ethusdt@miniTicker"}, 1);
    client.ping();
    const json state = stream_state();
    EXPECT_EQ(state["counters"]["connections_open"], 1);
    EXPECT_EQ(state["counters"]["connections_accepted"], 1);
    EXPECT_GE(state["counters"]["messages_received"].get<int>(), 1);
    EXPECT_EQ(state["connections"][0]["subscriptions"], 2);
  }
  for (int i = 0; i < 50 && stream_state()["counters"]["connections_open"] != 0; ++i)
    std::this_thread::sleep_for(20ms);
  EXPECT_EQ(stream_state()["counters"]["connections_open"], 0);
}

TEST_F(BinanceStreamBehaviourTest, RequestLogRecordsConnectAndSubscriptionChanges) {
  StreamClient client(sandbox_->port(), "/stream?streams=btcusdt@miniTicker");
  client.request("SUBSCRIBE", {"ethusdt@miniTicker"}, 1);
  client.request("UNSUBSCRIBE", {"btcusdt@miniTicker"}, 2);
  const json log = sandbox_->get_json("/__sandbox/requests?route=binance.stream")["requests"];
  ASSERT_EQ(log.size(), 3u) << log.dump();
  EXPECT_EQ(log[0]["method"], "GET");
  EXPECT_EQ(log[0]["status"], 101);
  EXPECT_EQ(log[0]["symbols"], json({"BTCUSDT"}));
  EXPECT_EQ(log[1]["method"], "SUBSCRIBE");
  EXPECT_EQ(log[1]["symbols"], json({"ETHUSDT"}));
  EXPECT_EQ(log[2]["method"], "UNSUBSCRIBE");
  EXPECT_EQ(log[2]["family"], "binance");
}

TEST_F(BinanceStreamBehaviourTest, PlainGetOnStreamAsksForTheUpgrade) {
  EXPECT_EQ(sandbox_->get("/stream").status, 426u);
}

// The stream benchmark's load: 1,000 symbols at 10 frames a second (the made-up pairs make up the
// thousand). Prints the rate received and the process's CPU time, client included.
TEST(BinanceStreamThroughputTest, TenFramesASecondForAThousandSymbols) {
  SandboxOptions options = testing::frozen_at("2025-02-18T15:00:00Z");
  options.binance_extra_pairs = 600;
  testing::TestSandbox sandbox(options);
  ASSERT_EQ(sandbox.post("/__sandbox/binance/stream", R"({"frames_per_second":10})").status, 200u);
  json streams = json::array();
  for (const json& pair : sandbox.get_json("/api/v3/ticker/price")) {
    if (streams.size() == 1000) break;
    if (pair["symbol"].get<std::string>().ends_with("USDT"))
      streams.push_back(mini_ticker_stream(pair["symbol"].get<std::string>()));
  }
  ASSERT_EQ(streams.size(), 1000u);
  StreamClient client(sandbox.port());
  client.request("SUBSCRIBE", streams, 1, 10s);
  const auto warm = std::chrono::steady_clock::now();  // the first ticks render every pair's frame
  while (std::chrono::steady_clock::now() - warm < 1s)
    client.next(100ms);
  const std::clock_t cpu_before = std::clock();
  const auto start = std::chrono::steady_clock::now();
  int frames = 0;
  while (std::chrono::steady_clock::now() - start < 3s)
    if (client.next(100ms)) ++frames;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = static_cast<double>(std::clock() - cpu_before) / CLOCKS_PER_SEC;
  std::printf("stream throughput: %.0f frames/s received, process CPU %.0f%% of one core\n", frames / seconds,
              100 * cpu / seconds);
  EXPECT_GE(frames / seconds, 9000);
}

}  // namespace
}  // namespace pricefeed::sandbox
