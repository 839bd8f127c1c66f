#include "host/plugins/SourceInstance.hpp"

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/plugins/HostServices.hpp"
#include "host/plugins/OutputCaps.hpp"
#include "host/plugins/PluginCall.hpp"
#include "host/plugins/SinkAdapters.hpp"
#include "tests/host/plugins/CollectingConsumers.hpp"
#include "tests/host/plugins/FaultyPlugins.hpp"

namespace pricefeed::host {
namespace {

using test::faulty_plugin;
using ::testing::HasSubstr;

std::unique_ptr<SourceInstance> instance_of(const std::string& plugin, const std::string& config = "{}") {
  auto context = std::make_unique<SourceContext>();
  context->name = plugin + "_source";
  context->now_ms = [] { return std::int64_t{1'700'000'000'000}; };
  return SourceInstance::create(PluginLibrary::load(faulty_plugin(plugin), host_services()),
                                std::move(context), config);
}

using CollectBars = testing::CollectHistory;
using testing::CollectQuotes;

HistoryRequest aapl_query() {
  return {"AAPL", "", AssetClass::stock, Resolution::day, 1'700'000'000, 1'700'500'000};
}

TEST(SourceInstance, StreamsBarsFromAPluginIntoHostRecords) {
  auto source = instance_of("valid_c");
  CollectBars out;
  auto result = source->fetch_history(aapl_query(), out);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(out.bars.size(), 2u);
  EXPECT_EQ(out.bars[1].ts, 1'700'000'000 + 86400);
  EXPECT_DOUBLE_EQ(out.bars[1].close, 12);
  EXPECT_TRUE(std::isnan(out.bars[0].adj_close));
}

TEST(SourceInstance, CopiesQuotesAndLendsTheHostClock) {
  auto source = instance_of("valid_c");
  CollectQuotes out;
  auto result = source->fetch_quotes({{"MSFT"}, {""}, AssetClass::stock}, out);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(out.quotes.size(), 1u);
  EXPECT_EQ(out.quotes[0].symbol, "MSFT");
  EXPECT_EQ(out.quotes[0].currency, "USD");
  EXPECT_EQ(out.quotes[0].ts, 1'700'000'000);
}

TEST(SourceInstance, ACancelledCallIsVisibleToThePlugin) {
  auto source = instance_of("valid_c");
  CollectQuotes out;
  std::atomic<bool> cancelled{true};
  ASSERT_TRUE(source->fetch_quotes({{"MSFT"}, {""}, AssetClass::stock}, out, &cancelled).ok());
  EXPECT_TRUE(out.quotes.empty());
}

TEST(SourceInstance, CreateFailureCarriesThePluginsReason) {
  try {
    instance_of("create_fails");
    FAIL() << "create should have failed";
  } catch (const SourceCreateFailed& e) {
    EXPECT_STREQ(e.what(), "create() failed (invalid_config): api_key is required");
  }
}

TEST(SourceInstance, AnExceptionInAPluginBecomesAPermanentStatusWithItsMessage) {
  auto source = instance_of("throws_in_fetch");
  CollectBars out;
  auto result = source->fetch_history(aapl_query(), out);
  EXPECT_EQ(result.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(result.message, "unexpected error: cannot parse the answer for AAPL");
}

TEST(SourceInstance, APluginsRateLimitErrorCarriesItsRetryAfter) {
  auto source = instance_of("throws_in_fetch");
  CollectQuotes out;
  auto result = source->fetch_quotes({{"MSFT"}, {""}, AssetClass::stock}, out);
  EXPECT_EQ(result.status, PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(result.message, "slow down");
  ASSERT_TRUE(result.retry_after.has_value());
  EXPECT_EQ(result.retry_after->count(), 42'000);
}

TEST(SourceInstance, AnUndersizedBarRecordIsRefusedNotRead) {
  auto source = instance_of("misuses_sink");
  CollectBars out;
  auto result = source->fetch_history(aapl_query(), out);
  EXPECT_EQ(result.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(result.message, "plugin misused the sink: bars: element_size smaller than the ABI 1.0 record");
  EXPECT_TRUE(out.bars.empty());
}

// The host copies (and reserves) one callback's records at once: a plugin cannot make it allocate
// more than kMaxRecordsPerCallback of them.
TEST(SourceInstance, ABarCallbackPastTheCapIsRefusedNotCopied) {
  CollectBars consumer;
  HistorySinkAdapter adapter(consumer);
  const pricefeed_history_sink sink = adapter.sink();
  std::vector<pricefeed_bar> bars(kMaxRecordsPerCallback + 1,
                                  pricefeed_bar{sizeof(pricefeed_bar), 0, 1, 1, 1, 1, 1, 1});
  EXPECT_EQ(sink.bars(sink.host_state, bars.data(), bars.size(), sizeof(pricefeed_bar)), PRICEFEED_STOP);
  EXPECT_EQ(adapter.misuse, "bars: more than 65,536 records in one callback");
  EXPECT_TRUE(consumer.bars.empty());

  HistorySinkAdapter fresh(consumer);
  const pricefeed_history_sink ok = fresh.sink();
  EXPECT_EQ(ok.bars(ok.host_state, bars.data(), kMaxRecordsPerCallback, sizeof(pricefeed_bar)),
            PRICEFEED_CONTINUE);
  EXPECT_EQ(consumer.bars.size(), kMaxRecordsPerCallback);
}

// A string field is bounded too: a symbol claiming a terabyte is refused before a byte is copied.
TEST(SourceInstance, AStringFieldPastTheCapIsRefusedNotCopied) {
  CollectQuotes consumer;
  QuoteSinkAdapter adapter(consumer);
  const pricefeed_quote_sink sink = adapter.sink();
  pricefeed_quote quote{};
  quote.struct_size = sizeof quote;
  quote.symbol = {"AAPL", std::size_t{1} << 40};
  EXPECT_EQ(sink.quotes(sink.host_state, &quote, 1, sizeof quote), PRICEFEED_STOP);
  EXPECT_EQ(adapter.misuse,
            "quotes: symbol: 1099511627776 bytes, more than the 4096 a string field may hold");
  EXPECT_TRUE(consumer.quotes.empty());

  QuoteSinkAdapter fresh(consumer);
  const pricefeed_quote_sink ok = fresh.sink();
  const std::string longest(kMaxTextBytes, 'A');
  quote.symbol = {longest.data(), longest.size()};
  EXPECT_EQ(ok.quotes(ok.host_state, &quote, 1, sizeof quote), PRICEFEED_CONTINUE);
  ASSERT_EQ(consumer.quotes.size(), 1u);
  EXPECT_EQ(consumer.quotes[0].symbol.size(), kMaxTextBytes);
}

TEST(SourceInstance, ANullQuoteArrayIsRefused) {
  auto source = instance_of("misuses_sink");
  CollectQuotes out;
  auto result = source->fetch_quotes({{"MSFT"}, {""}, AssetClass::stock}, out);
  EXPECT_EQ(result.status, PRICEFEED_PERMANENT);
  EXPECT_THAT(result.message, HasSubstr("quotes: null array with a non-zero count"));
}

TEST(SourceInstance, AConsumerExceptionIsRethrownAfterThePluginReturns) {
  struct Throwing : HistoryConsumer {
    bool on_bars(std::span<const Bar>) override { throw std::runtime_error("disk full"); }
  } out;
  auto source = instance_of("valid_c");
  EXPECT_THROW(
      {
        try {
          source->fetch_history(aapl_query(), out);
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "disk full");
          throw;
        }
      },
      std::runtime_error);
}

TEST(SourceInstance, WithoutANetworkTheHttpServiceAnswersUnsupported) {
  // The plugins listing lends no HTTP: a plugin that tries gets a clear status, not a crash.
  SourceContext context;
  context.name = "offline";
  pricefeed_call_host_owned call(context);
  pricefeed_http_request request{};
  request.struct_size = sizeof request;
  pricefeed_http_response_host_owned* response = nullptr;
  EXPECT_EQ(host_services()->http(&call, &request, &response), PRICEFEED_UNSUPPORTED);
  EXPECT_EQ(response, nullptr);
  EXPECT_EQ(call.take_record().error, "this host offers no network to plugins in this mode");
}

TEST(SourceInstance, CallsThatFailInARowRaiseTheFailingAlertAtTheFifth) {
  auto source = instance_of("misuses_sink");
  CollectQuotes out;
  for (std::uint64_t i = 1; i < kSourceFailingAfter; ++i)
    source->fetch_quotes({{"MSFT"}, {""}, AssetClass::stock}, out);
  EXPECT_EQ(source->calls().consecutive_failures, kSourceFailingAfter - 1);
  EXPECT_FALSE(source->calls().failing());

  source->fetch_quotes({{"MSFT"}, {""}, AssetClass::stock}, out);
  const SourceCallRecord calls = source->calls();
  EXPECT_TRUE(calls.failing());
  EXPECT_TRUE(calls.last_failure_at.has_value());
  EXPECT_FALSE(calls.last_success_at.has_value());
  EXPECT_THAT(calls.last_failure, HasSubstr("quotes: null array"));
}

TEST(SourceInstance, RateLimitsAndConsumerExceptionsAreNotCountedAsTheSourceFailing) {
  auto limited = instance_of("throws_in_fetch");
  CollectQuotes quotes;
  EXPECT_EQ(limited->fetch_quotes({{"MSFT"}, {""}, AssetClass::stock}, quotes).status,
            PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(limited->calls().consecutive_failures, 0u);

  struct Throwing : HistoryConsumer {
    bool on_bars(std::span<const Bar>) override { throw std::runtime_error("database went away"); }
  } throwing;
  auto source = instance_of("valid_c");
  EXPECT_THROW(source->fetch_history(aapl_query(), throwing), std::runtime_error);
  EXPECT_EQ(source->calls().consecutive_failures, 0u);
  EXPECT_FALSE(source->calls().last_failure_at.has_value());
}

}  // namespace
}  // namespace pricefeed::host
