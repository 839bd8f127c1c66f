// The stream's messages against Binance's documented ones (tests/fixtures/binance/stream), field by
// field, and its prices against the sandbox's own REST tickers at the same instant.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/sandbox/BinanceStreamHub.hpp"
#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/StreamClient.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::StreamClient;
using namespace std::chrono_literals;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool decimal_string(const json& v) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  return !s.empty() && s.find_first_not_of("0123456789.") == std::string::npos && s.front() != '.';
}

class BinanceStreamFormatTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2025-02-18T15:00:00Z"); }

  static json first_frame(StreamClient& client) {
    for (int i = 0; i < 10; ++i) {
      auto m = client.next(3s);
      if (!m) break;
      json j = json::parse(*m);
      if (j.contains("stream")) return j;
    }
    throw std::runtime_error("no frame");
  }
};

TEST_F(BinanceStreamFormatTest, MiniTickerFrameHasTheDocumentedFieldsAndTypes) {
  const json payload = testing::fixture_json("binance/stream/mini_ticker_payload.json");
  StreamClient client(sandbox_->port(), "/stream?streams=btcusdt@miniTicker");
  const std::int64_t before = now_ms();
  const json frame = first_frame(client);

  ASSERT_EQ(frame.size(), 2u) << frame.dump();  // {"stream":...,"data":...}: the combined wrapper
  EXPECT_EQ(frame["stream"], "btcusdt@miniTicker");
  const json& data = frame["data"];
  EXPECT_EQ(testing::join(testing::structure_differences(payload, data)), "");
  for (const auto& [key, value] : payload.items()) {
    ASSERT_TRUE(data.contains(key)) << key;
    EXPECT_EQ(data[key].type(), value.type()) << key;
    if (decimal_string(value)) {
      EXPECT_TRUE(decimal_string(data[key])) << key << ": " << data[key];
    }
  }
  EXPECT_EQ(data["e"], payload["e"]);
  EXPECT_EQ(data["s"], "BTCUSDT");
  // E is the sandbox's send time in milliseconds (the stream benchmark's latency starts there).
  EXPECT_GE(data["E"].get<std::int64_t>(), before - 1000);
  EXPECT_LE(data["E"].get<std::int64_t>(), now_ms());
}

TEST_F(BinanceStreamFormatTest, MiniTickerPricesAreTheRestTickersAtTheSameInstant) {
  StreamClient client(sandbox_->port(), "/stream?streams=btcusdt@miniTicker/ethusdt@miniTicker");
  for (const char* pair : {"BTCUSDT", "ETHUSDT"}) {
    const json rest = sandbox_->get_json(std::string("/api/v3/ticker/24hr?symbol=") + pair);
    json data = json::object();
    for (int i = 0; i < 4 && data.value("s", "") != pair; ++i)
      data = first_frame(client)["data"];
    ASSERT_EQ(data["s"], pair);
    EXPECT_EQ(data["c"], rest["lastPrice"]);
    EXPECT_EQ(data["o"], rest["openPrice"]);
    EXPECT_EQ(data["h"], rest["highPrice"]);
    EXPECT_EQ(data["l"], rest["lowPrice"]);
    EXPECT_EQ(data["v"], rest["volume"]);
    EXPECT_EQ(data["q"], rest["quoteVolume"]);
  }
}

TEST_F(BinanceStreamFormatTest, SubscriptionAnswersAreTheDocumentedOnes) {
  StreamClient client(sandbox_->port());
  for (const char* name : {"subscribe", "unsubscribe", "list_subscriptions"}) {
    const json request = testing::fixture_json(std::string("binance/stream/") + name + "_request.json");
    const json expected = testing::fixture_json(std::string("binance/stream/") + name + "_response.json");
    const json answer =
        client.request(request["method"], request.value("params", json()), request["id"].get<std::int64_t>());
    EXPECT_EQ(answer, expected) << name;
  }
}

TEST_F(BinanceStreamFormatTest, ServerShutdownNoticeIsTheDocumentedOne) {
  const json expected = testing::fixture_json("binance/stream/server_shutdown_combined.DOCS.json");
  StreamClient client(sandbox_->port());
  client.request("LIST_SUBSCRIPTIONS", json(), 1);  // registered before the fault is aimed
  sandbox_->post("/__sandbox/binance/stream/faults", R"({"kind":"shutdown","close_after_ms":60000})");
  auto m = client.next(3s);
  ASSERT_TRUE(m);
  const json notice = json::parse(*m);
  EXPECT_EQ(testing::join(testing::structure_differences(expected, notice)), "");
  EXPECT_EQ(notice["stream"], expected["stream"]);
  EXPECT_EQ(notice["data"]["e"], expected["data"]["e"]);
}

}  // namespace
}  // namespace pricefeed::sandbox
