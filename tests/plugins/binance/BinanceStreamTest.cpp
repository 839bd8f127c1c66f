// The binance plugin's stream (BinanceStream) as the host drives it: binance.so loaded by the host's
// PluginLibrary and called through SourceInstance, the host's side of the ABI 1.1 stream functions,
// with recorded frames from tests/fixtures/binance/stream.

#include <cmath>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "binance/BinanceExchangeInfo.hpp"
#include "binance/BinanceExchangeInfoCodec.hpp"
#include "binance/BinanceExchangeInfoStore.hpp"
#include "host/plugins/HostServices.hpp"
#include "host/plugins/PluginLibrary.hpp"
#include "host/plugins/SourceInstance.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::binance {
namespace {

using host::SourceCallResult;
using host::SourceInstance;
using host::StreamControlOutput;
using plugins::test::read_fixture;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr std::int64_t kNowMs = 1'740'000'000'000;
const std::string kConfig =
    R"({"plugin":"binance","base_url":"http://binance.test","stream_url":"ws://127.0.0.1:9/binance"})";

struct CollectFrames : host::StreamFrameConsumer {
  std::vector<Quote> quotes;
  std::vector<std::string> resubscribe_reasons;
  bool on_quotes(std::span<const Quote> batch) override {
    quotes.insert(quotes.end(), batch.begin(), batch.end());
    return true;
  }
  void on_resubscribe(const std::string& reason) override { resubscribe_reasons.push_back(reason); }
};

std::unique_ptr<SourceInstance> binance_instance(const std::string& config = kConfig) {
  auto context = std::make_unique<host::SourceContext>();
  context->name = "binance";
  context->now_ms = [] { return kNowMs; };
  return SourceInstance::create(host::PluginLibrary::load(BINANCE_PLUGIN_PATH, host::host_services()),
                                std::move(context), config);
}

// What the host's cache holds once a quote or catalog call has read exchangeInfo.
void cache_exchange_info(SourceInstance& source, const std::vector<BinancePairInfo>& pairs) {
  BinanceExchangeInfo info;
  info.request_weight_per_minute = 6000;
  info.pairs = pairs;  // sorted by pair, as the codec keeps them
  source.context().cache.put(BinanceExchangeInfoStore::kCacheKey, encode_exchange_info(info), 3'600'000,
                             kNowMs);
}

StreamRequest request(StreamRequest::Action action, std::vector<std::string> symbols,
                      std::vector<std::string> source_ids, std::uint64_t message_id) {
  StreamRequest r;
  r.action = action;
  r.symbols = std::move(symbols);
  r.source_ids = std::move(source_ids);
  r.asset_class = AssetClass::crypto;
  r.message_id = message_id;
  return r;
}

std::string mini_ticker(const std::string& pair, const std::string& stream, const std::string& close,
                        std::int64_t event_ms) {
  return R"({"stream":")" + stream + R"(","data":{"e":"24hrMiniTicker","E":)" + std::to_string(event_ms) +
         R"(,"s":")" + pair + R"(","c":")" + close + R"(","o":"1","h":"2","l":"0.5","v":"10","q":"20"}})";
}

TEST(BinanceStream, DescriptorDeclaresTheStreamWithBinancesLimits) {
  const auto source = binance_instance();
  const pricefeed_source_descriptor& d = source->descriptor();
  EXPECT_NE(d.capabilities & PRICEFEED_CAP_STREAM, 0u);
  EXPECT_EQ(d.stream_max_subscriptions, 1024u);
  EXPECT_EQ(d.stream_max_messages_per_second, 5u);
  EXPECT_EQ(d.stream_max_connection_seconds, 86'400);
  EXPECT_NE(d.stream_subscribe, nullptr);
  EXPECT_NE(d.stream_frame, nullptr);
}

TEST(BinanceStream, OpenConnectsToTheCombinedStreamAndSubscribesEachPairsMiniTicker) {
  const auto source = binance_instance();
  StreamControlOutput out;
  const SourceCallResult result = source->stream_subscribe(
      request(StreamRequest::Action::open, {"BTC", "ETH/BTC", "SOL"}, {"BTCUSDT", "", ""}, 1), out);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(out.url, "ws://127.0.0.1:9/binance/stream");
  EXPECT_THAT(out.messages,
              ElementsAre(R"({"method":"SUBSCRIBE","params":["btcusdt@miniTicker","ethbtc@miniTicker",)"
                          R"("solusdt@miniTicker"],"id":1})"));
  // Frames name the pair, which the host needs to know for symbols asked as coins.
  EXPECT_THAT(out.frame_names, ElementsAre("BTCUSDT", "ETHBTC", "SOLUSDT"));
}

TEST(BinanceStream, TheDefaultStreamUrlIsBinancesMarketStream) {
  const auto source = binance_instance(R"({"plugin":"binance","base_url":"https://api.binance.com"})");
  StreamControlOutput out;
  ASSERT_TRUE(source->stream_subscribe(request(StreamRequest::Action::open, {"BTC"}, {""}, 1), out).ok());
  EXPECT_EQ(out.url, "wss://stream.binance.com:9443/stream");
}

TEST(BinanceStream, AddSubscribesAndRemoveUnsubscribesOnTheOpenConnection) {
  const auto source = binance_instance();
  StreamControlOutput added, removed;
  ASSERT_TRUE(
      source->stream_subscribe(request(StreamRequest::Action::add, {"ETH"}, {"ETHUSDT"}, 7), added).ok());
  ASSERT_TRUE(source
                  ->stream_subscribe(
                      request(StreamRequest::Action::remove, {"ETH", "BTC"}, {"ETHUSDT", ""}, 8), removed)
                  .ok());
  EXPECT_EQ(added.url, "");
  EXPECT_THAT(added.messages,
              ElementsAre(R"({"method":"SUBSCRIBE","params":["ethusdt@miniTicker"],"id":7})"));
  EXPECT_THAT(added.frame_names, ElementsAre("ETHUSDT"));
  EXPECT_EQ(removed.url, "");
  EXPECT_THAT(
      removed.messages,
      ElementsAre(R"({"method":"UNSUBSCRIBE","params":["btcusdt@miniTicker","ethusdt@miniTicker"],"id":8})"));
}

TEST(BinanceStream, SymbolsNamingOnePairAreSubscribedOnceAndNonPairsLeftOut) {
  const auto source = binance_instance();
  StreamControlOutput out;
  ASSERT_TRUE(source
                  ->stream_subscribe(request(StreamRequest::Action::open, {"BTC", "BTCUSDT", "BTC&x=1"},
                                             {"", "BTCUSDT", ""}, 3),
                                     out)
                  .ok());
  EXPECT_THAT(out.messages, ElementsAre(R"({"method":"SUBSCRIBE","params":["btcusdt@miniTicker"],"id":3})"));
  EXPECT_THAT(out.frame_names, ElementsAre("BTCUSDT", "BTCUSDT", ""));
}

TEST(BinanceStream, OpenWithNoBinancePairIsNotFoundAndConnectsNowhere) {
  const auto source = binance_instance();
  StreamControlOutput out;
  const SourceCallResult result =
      source->stream_subscribe(request(StreamRequest::Action::open, {"BTC&x=1"}, {""}, 1), out);
  EXPECT_EQ(result.status, PRICEFEED_NOT_FOUND);
  EXPECT_THAT(result.message, HasSubstr("'BTC&x=1'"));
  EXPECT_EQ(out.url, "");
  EXPECT_THAT(out.messages, IsEmpty());
}

TEST(BinanceStream, OnlyCryptoIsStreamed) {
  const auto source = binance_instance();
  StreamControlOutput out;
  StreamRequest stocks = request(StreamRequest::Action::open, {"AAPL"}, {""}, 1);
  stocks.asset_class = AssetClass::stock;
  EXPECT_EQ(source->stream_subscribe(stocks, out).status, PRICEFEED_UNSUPPORTED);
}

TEST(BinanceStream, ARecordedMiniTickerBecomesOneQuoteOfItsLastPriceAtItsEventTime) {
  const auto source = binance_instance();
  CollectFrames out;
  const SourceCallResult result =
      source->stream_frame(read_fixture("binance/stream", "combined_btcusdt_miniTicker.json"), out);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(out.quotes.size(), 1u);
  const Quote& q = out.quotes[0];
  EXPECT_EQ(q.symbol, "BTCUSDT");
  EXPECT_DOUBLE_EQ(q.price, 10456.56);
  EXPECT_EQ(q.currency, "USDT");
  EXPECT_EQ(q.ts, 1'601'628'771);
  EXPECT_EQ(q.ts_ms, 1'601'628'771'865);
  // The mini ticker's open, high, low and volume are a rolling 24 hours, not the day's.
  EXPECT_TRUE(std::isnan(q.open));
  EXPECT_TRUE(std::isnan(q.high));
  EXPECT_TRUE(std::isnan(q.low));
  EXPECT_TRUE(std::isnan(q.volume));
  EXPECT_TRUE(std::isnan(q.previous_close));
  EXPECT_THAT(out.resubscribe_reasons, IsEmpty());
}

TEST(BinanceStream, TheCurrencyIsThePairsQuoteAssetFromTheCachedExchangeInfo) {
  const auto source = binance_instance();
  cache_exchange_info(*source, {{"BTCUSDT", "BTC", "USDT", "TRADING"}, {"ETHBTC", "ETH", "BTC", "TRADING"}});
  StreamControlOutput control;
  ASSERT_TRUE(
      source->stream_subscribe(request(StreamRequest::Action::open, {"ETH/BTC"}, {"ETHBTC"}, 1), control)
          .ok());
  CollectFrames out;
  ASSERT_TRUE(
      source->stream_frame(mini_ticker("ETHBTC", "ethbtc@miniTicker", "0.02456700", 1'592'594'715'455), out)
          .ok());
  ASSERT_EQ(out.quotes.size(), 1u);
  EXPECT_EQ(out.quotes[0].currency, "BTC");
  EXPECT_DOUBLE_EQ(out.quotes[0].price, 0.024567);
}

TEST(BinanceStream, WithoutExchangeInfoAPairNotEndingInTheQuoteAssetHasNoCurrency) {
  const auto source = binance_instance();
  CollectFrames out;
  ASSERT_TRUE(
      source->stream_frame(mini_ticker("ETHBTC", "ethbtc@miniTicker", "0.024567", 1'592'594'715'455), out)
          .ok());
  ASSERT_EQ(out.quotes.size(), 1u);
  EXPECT_EQ(out.quotes[0].currency, "");  // latest_prices keeps the currency it had
}

TEST(BinanceStream, AnAcknowledgementIsPassedOver) {
  const auto source = binance_instance();
  CollectFrames out;
  const SourceCallResult result =
      source->stream_frame(read_fixture("binance/stream", "subscribe_result.json"), out);
  EXPECT_TRUE(result.ok()) << result.message;
  EXPECT_THAT(out.quotes, IsEmpty());
  EXPECT_THAT(out.resubscribe_reasons, IsEmpty());
}

TEST(BinanceStream, ARefusedRequestIsPermanentWithBinancesCodeAndMessage) {
  const auto source = binance_instance();
  CollectFrames out;
  const SourceCallResult nested = source->stream_frame(
      read_fixture("binance/stream", "subscribe_error_invalid_stream.THIRD-PARTY.json"), out);
  EXPECT_EQ(nested.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(nested.message, "binance: the stream refused request 1: code 2, Invalid request: invalid stream");
  const SourceCallResult flat =
      source->stream_frame(R"({"code": 0, "msg": "Unknown property","id": 5})", out);
  EXPECT_EQ(flat.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(flat.message, "binance: the stream refused request 5: code 0, Unknown property");
  EXPECT_THAT(out.quotes, IsEmpty());
}

TEST(BinanceStream, ServerShutdownAsksTheHostToResubscribe) {
  const auto source = binance_instance();
  CollectFrames out;
  const SourceCallResult result =
      source->stream_frame(read_fixture("binance/stream", "server_shutdown_combined.DOCS.json"), out);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_THAT(out.quotes, IsEmpty());
  ASSERT_EQ(out.resubscribe_reasons.size(), 1u);
  EXPECT_THAT(out.resubscribe_reasons[0], AllOf(HasSubstr("serverShutdown"), HasSubstr("1770123456789")));
}

TEST(BinanceStream, AFrameThatCannotBeReadIsPermanentWithTheReasonAndTheFrame) {
  const auto source = binance_instance();
  CollectFrames out;
  const std::string truncated =
      read_fixture("binance/stream", "combined_btcusdt_miniTicker.json").substr(0, 90);
  const SourceCallResult result = source->stream_frame(truncated, out);
  EXPECT_EQ(result.status, PRICEFEED_PERMANENT);
  EXPECT_THAT(result.message, AllOf(HasSubstr("binance: a stream frame that cannot be read: "),
                                    HasSubstr("the frame ends at byte 90"), HasSubstr("btcusdt@miniTicker")));
  EXPECT_THAT(out.quotes, IsEmpty());
}

TEST(BinanceStream, ANonFinitePriceGivesNoQuote) {
  const auto source = binance_instance();
  for (const std::string& close :
       std::vector<std::string>{"NaN", "Infinity", "1e400", std::string(400, '9'), "0.00000000", "-1"}) {
    CollectFrames out;
    const SourceCallResult result =
        source->stream_frame(mini_ticker("BTCUSDT", "btcusdt@miniTicker", close, kNowMs), out);
    EXPECT_EQ(result.status, PRICEFEED_PERMANENT) << close;
    EXPECT_THAT(result.message, HasSubstr("data.c: expected a positive decimal string")) << close;
    EXPECT_THAT(out.quotes, IsEmpty()) << close;
  }
}

}  // namespace
}  // namespace pricefeed::binance
