// The PRICEFEED_PLUGIN layer seen from the host's side of the ABI: what crosses, and what never does.
#include <pricefeed/plugin.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pricefeed {
namespace {

struct Recorded {
  std::string error;
  std::int64_t retry_after_ms = -1;
  std::vector<pricefeed_bar> bars;
  int fetches = 0;
};
Recorded* g_recorded = nullptr;

std::string text(pricefeed_str s) {
  return std::string(s.data, s.size);
}

pricefeed_host_api fake_host() {
  pricefeed_host_api api{};
  api.struct_size = sizeof api;
  api.abi_version = PRICEFEED_ABI_VERSION;
  api.log = [](pricefeed_call_host_owned*, int32_t, pricefeed_str, const pricefeed_kv*, size_t) {};
  api.set_error = [](pricefeed_call_host_owned*, pricefeed_str m) { g_recorded->error = text(m); };
  api.set_retry_after = [](pricefeed_call_host_owned*, int64_t ms) { g_recorded->retry_after_ms = ms; };
  api.http = [](pricefeed_call_host_owned*, const pricefeed_http_request*,
                pricefeed_http_response_host_owned**) { return pricefeed_status{PRICEFEED_TRANSIENT}; };
  api.http_release = [](pricefeed_call_host_owned*, pricefeed_http_response_host_owned*) {};
  api.now_ms = [](pricefeed_call_host_owned*) { return std::int64_t{0}; };
  api.is_cancelled = [](pricefeed_call_host_owned*) { return 0; };
  api.cache_get = [](pricefeed_call_host_owned*, pricefeed_str, pricefeed_receive_str, void*) { return 0; };
  api.cache_put = [](pricefeed_call_host_owned*, pricefeed_str, pricefeed_str, int64_t) {};
  return api;
}

class TwoBarsThenThrow : public Source {
 public:
  static constexpr SourceInfo info{"two_bars_then_throw",
                                   "1.0.0",
                                   "test",
                                   PRICEFEED_CLASS_STOCK,
                                   PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES,
                                   PRICEFEED_RES_1D,
                                   5};
  TwoBarsThenThrow(Host&, const Config&) {}
  void fetch_history(Host&, const HistoryRequest& r, HistorySink& sink) override {
    ++g_recorded->fetches;
    Bar bar;
    bar.ts = r.start;
    bar.close = 1;
    sink.push(bar);
    bar.ts += 86400;
    sink.push(bar);
    if (r.symbol == "RATE") throw Error::rate_limited("upstream said 429", std::chrono::seconds(30));
    throw std::runtime_error("second page was not JSON");
  }
};

using Layer = detail::Trampolines<TwoBarsThenThrow>;

class PluginTrampoline : public ::testing::Test {
 protected:
  void SetUp() override {
    g_recorded = &recorded_;
    const pricefeed_source_descriptor* d = nullptr;
    ASSERT_EQ(Layer::entry(&api_, &d), 0);
    descriptor_ = d;
    pricefeed_str config{"{}", 2};
    ASSERT_EQ(d->create(nullptr, config, &instance_), PRICEFEED_OK);
  }
  void TearDown() override { descriptor_->destroy(instance_); }

  pricefeed_status fetch(const std::string& symbol, std::uint32_t resolution) {
    pricefeed_history_request r{};
    r.struct_size = sizeof r;
    r.symbol = {symbol.data(), symbol.size()};
    r.asset_class = PRICEFEED_CLASS_STOCK;
    r.resolution = resolution;
    r.start = 86400;
    r.end = 10 * 86400;
    pricefeed_history_sink sink{};
    sink.struct_size = sizeof sink;
    sink.bars = [](void*, const pricefeed_bar* bars, size_t n, size_t) {
      g_recorded->bars.insert(g_recorded->bars.end(), bars, bars + n);
      return pricefeed_flow{PRICEFEED_CONTINUE};
    };
    return descriptor_->fetch_history(instance_, nullptr, &r, &sink);
  }

  Recorded recorded_;
  pricefeed_host_api api_ = fake_host();
  const pricefeed_source_descriptor* descriptor_ = nullptr;
  pricefeed_instance_plugin_owned* instance_ = nullptr;
};

TEST_F(PluginTrampoline, BarsPushedBeforeAnExceptionStillReachTheHost) {
  EXPECT_EQ(fetch("AAPL", PRICEFEED_RES_1D), PRICEFEED_PERMANENT);
  EXPECT_EQ(recorded_.error, "unexpected error: second page was not JSON");
  EXPECT_EQ(recorded_.bars.size(), 2u);
}

TEST_F(PluginTrampoline, ARateLimitCarriesItsRetryAfter) {
  EXPECT_EQ(fetch("RATE", PRICEFEED_RES_1D), PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(recorded_.error, "upstream said 429");
  EXPECT_EQ(recorded_.retry_after_ms, 30'000);
}

TEST_F(PluginTrampoline, AnUndeclaredResolutionIsRefusedBeforeThePluginRuns) {
  EXPECT_EQ(fetch("AAPL", PRICEFEED_RES_1M), PRICEFEED_UNSUPPORTED);
  EXPECT_EQ(fetch("AAPL", PRICEFEED_RES_1D | PRICEFEED_RES_1H), PRICEFEED_UNSUPPORTED);
  EXPECT_EQ(recorded_.error, "resolution mask 3 is not served by two_bars_then_throw");
  EXPECT_EQ(recorded_.fetches, 0);
}

TEST_F(PluginTrampoline, DescriptorOmitsCallsForUndeclaredCapabilities) {
  EXPECT_EQ(descriptor_->list_assets, nullptr);
  EXPECT_EQ(descriptor_->resolve_symbol, nullptr);
  EXPECT_EQ(descriptor_->max_quote_batch, 5u);
}

// A 1.0 plugin's SourceInfo, recompiled against 1.1, needs no change: its aggregate initialisation,
// up to every member 1.0 had (TwoBarsThenThrow::info stops earlier), still compiles, and the
// members appended since (the stream's) stay zero.
constexpr SourceInfo kInfoOf10Form{"every_1_0_member",
                                   "1.0.0",
                                   "test",
                                   PRICEFEED_CLASS_STOCK,
                                   PRICEFEED_CAP_HISTORY,
                                   PRICEFEED_RES_1D,
                                   100,
                                   0,
                                   true};
static_assert(kInfoOf10Form.thread_safe && kInfoOf10Form.stream_max_subscriptions == 0 &&
              kInfoOf10Form.stream_max_messages_per_second == 0 &&
              kInfoOf10Form.stream_max_connection_seconds == 0);

TEST_F(PluginTrampoline, ASourceInfoOfThe10FormGivesADescriptorWithNoStream) {
  EXPECT_EQ(descriptor_->capabilities & PRICEFEED_CAP_STREAM, 0u);
  EXPECT_EQ(descriptor_->stream_max_subscriptions, 0u);
  EXPECT_EQ(descriptor_->stream_max_messages_per_second, 0u);
  EXPECT_EQ(descriptor_->stream_max_connection_seconds, 0);
  EXPECT_EQ(descriptor_->stream_subscribe, nullptr);
  EXPECT_EQ(descriptor_->stream_frame, nullptr);
}

TEST(PluginEntry, RefusesAHostTableSmallerThanTheFirstAbiAsUnsupported) {
  pricefeed_host_api small = fake_host();
  small.struct_size = offsetof(pricefeed_host_api, cache_get);
  const pricefeed_source_descriptor* d = nullptr;
  EXPECT_EQ(Layer::entry(&small, &d), PRICEFEED_UNSUPPORTED);
  EXPECT_EQ(d, nullptr);
}

}  // namespace
}  // namespace pricefeed
