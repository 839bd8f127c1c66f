// Plugins built against the frozen ABI 1.0 headers (tests/plugins/abi-1.0), called through today's
// SourceInstance: each must serve exactly what its build against today's headers serves, and fail
// exactly as it fails. A 1.0 plugin hands the host 1.0-sized records (a quote without ts_ms), which
// the host must read by the plugin's element_size, not its own.
#include <cstdint>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "host/plugins/HostServices.hpp"
#include "host/plugins/SourceInstance.hpp"
#include "tests/host/plugins/Abi10Plugins.hpp"
#include "tests/host/plugins/CollectingConsumers.hpp"
#include "tests/host/plugins/FaultyPlugins.hpp"

namespace pricefeed::host {
namespace {

using test::abi_1_0_plugin;
using test::faulty_plugin;

constexpr std::uint32_t kAbi1_0 = 1u << 16;

std::unique_ptr<SourceInstance> instance_of(const std::filesystem::path& file,
                                            const std::string& config = "{}") {
  auto context = std::make_unique<SourceContext>();
  context->name = file.stem().string() + "_source";
  context->now_ms = [] { return std::int64_t{1'700'000'000'000}; };
  return SourceInstance::create(PluginLibrary::load(file, host_services()), std::move(context), config);
}

std::string csv_config() {
  return R"({"dir": ")" + std::string(PRICEFEED_SOURCE_DIR_FOR_TESTS) +
         R"(/sdk/examples/csv-source/example-data"})";
}

// Records as text, every field and NaN as "nan", so that two builds' answers compare as a whole and a
// difference shows which field it is in.
std::string text_of(double value) {
  std::ostringstream out;
  out << std::setprecision(17) << value;
  return out.str();
}

std::vector<std::string> texts_of(const std::vector<Bar>& bars) {
  std::vector<std::string> out;
  for (const Bar& b : bars) {
    out.push_back(std::to_string(b.ts) + " o=" + text_of(b.open) + " h=" + text_of(b.high) +
                  " l=" + text_of(b.low) + " c=" + text_of(b.close) + " adj=" + text_of(b.adj_close) +
                  " v=" + text_of(b.volume));
  }
  return out;
}

std::vector<std::string> texts_of(const std::vector<Quote>& quotes) {
  std::vector<std::string> out;
  for (const Quote& q : quotes) {
    out.push_back(q.symbol + " " + text_of(q.price) + " " + q.currency + " ts=" + std::to_string(q.ts) +
                  " o=" + text_of(q.open) + " h=" + text_of(q.high) + " l=" + text_of(q.low) +
                  " v=" + text_of(q.volume) + " prev=" + text_of(q.previous_close) +
                  " ts_ms=" + std::to_string(q.ts_ms));
  }
  return out;
}

struct CollectAssets : CatalogConsumer {
  std::vector<std::string> listed;  // symbol, id, name, class, exchange, currency, rank
  bool on_assets(std::span<const Asset> assets) override {
    for (const Asset& a : assets) {
      listed.push_back(a.symbol + "|" + a.source_id + "|" + a.name + "|" +
                       std::string(asset_class_name(a.asset_class)) + "|" + a.exchange + "|" + a.currency +
                       "|" + std::to_string(a.rank));
    }
    return true;
  }
};

struct History {
  SourceCallResult result;
  std::vector<std::string> bars;
};

History history_of(SourceInstance& source, const std::string& symbol, std::int64_t start, std::int64_t end) {
  testing::CollectHistory out;
  SourceCallResult result =
      source.fetch_history({symbol, "", AssetClass::stock, Resolution::day, start, end}, out);
  return {result, texts_of(out.bars)};
}

struct Quotes {
  SourceCallResult result;
  std::vector<std::string> quotes;
};

Quotes quotes_of(SourceInstance& source, std::vector<std::string> symbols) {
  testing::CollectQuotes out;
  std::vector<std::string> ids(symbols.size());
  SourceCallResult result = source.fetch_quotes({std::move(symbols), std::move(ids), AssetClass::stock}, out);
  return {result, texts_of(out.quotes)};
}

constexpr std::int64_t k2024_01_01 = 1'704'067'200;
constexpr std::int64_t k2026_01_01 = 1'767'225'600;

TEST(SourceInstanceAbi10, TheCsvExampleBuiltAs10LoadsAsA10Plugin) {
  auto library = PluginLibrary::load(abi_1_0_plugin("csv"), host_services());
  EXPECT_EQ(library->abi_version(), kAbi1_0);
  EXPECT_EQ(library->name(), "csv");
  EXPECT_EQ(library->descriptor().capabilities,
            std::uint32_t{PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG});
}

TEST(SourceInstanceAbi10, TheCsvExampleBuiltAs10ServesTheSameHistoryAsItsTodaysBuild) {
  auto as_1_0 = instance_of(abi_1_0_plugin("csv"), csv_config());
  auto today = instance_of(PRICEFEED_CSV_PLUGIN, csv_config());
  for (const char* symbol : {"ACME-GROWTH", "HOUSE"}) {
    const History old_build = history_of(*as_1_0, symbol, k2024_01_01, k2026_01_01);
    const History new_build = history_of(*today, symbol, k2024_01_01, k2026_01_01);
    ASSERT_TRUE(old_build.result.ok()) << symbol << ": " << old_build.result.message;
    ASSERT_TRUE(new_build.result.ok()) << symbol << ": " << new_build.result.message;
    EXPECT_FALSE(old_build.bars.empty()) << symbol;
    EXPECT_EQ(old_build.bars, new_build.bars) << symbol;
  }
}

TEST(SourceInstanceAbi10, TheCsvExampleBuiltAs10ServesTheSameQuotesAsItsTodaysBuild) {
  auto as_1_0 = instance_of(abi_1_0_plugin("csv"), csv_config());
  auto today = instance_of(PRICEFEED_CSV_PLUGIN, csv_config());
  const Quotes old_build = quotes_of(*as_1_0, {"ACME-GROWTH", "HOUSE", "NO-SUCH-FILE"});
  const Quotes new_build = quotes_of(*today, {"ACME-GROWTH", "HOUSE", "NO-SUCH-FILE"});
  ASSERT_TRUE(old_build.result.ok()) << old_build.result.message;
  ASSERT_TRUE(new_build.result.ok()) << new_build.result.message;
  EXPECT_EQ(old_build.quotes.size(), 2u);
  EXPECT_EQ(old_build.quotes, new_build.quotes);
}

TEST(SourceInstanceAbi10, TheCsvExampleBuiltAs10ListsTheSameCatalogAsItsTodaysBuild) {
  auto as_1_0 = instance_of(abi_1_0_plugin("csv"), csv_config());
  auto today = instance_of(PRICEFEED_CSV_PLUGIN, csv_config());
  CollectAssets old_build, new_build;
  ASSERT_TRUE(as_1_0->list_assets(PRICEFEED_CLASS_STOCK, old_build).ok());
  ASSERT_TRUE(today->list_assets(PRICEFEED_CLASS_STOCK, new_build).ok());
  EXPECT_FALSE(old_build.listed.empty());
  EXPECT_EQ(old_build.listed, new_build.listed);
}

// valid_c hands over quotes of its build's sizeof(pricefeed_quote): 96 bytes as 1.0, without ts_ms.
TEST(SourceInstanceAbi10, A10SizedQuoteIsReadWithoutTs_msAndOtherwiseAsTodaysBuildReadsIt) {
  auto as_1_0 = instance_of(abi_1_0_plugin("valid_c"));
  auto today = instance_of(faulty_plugin("valid_c"));
  const Quotes old_build = quotes_of(*as_1_0, {"MSFT"});
  const Quotes new_build = quotes_of(*today, {"MSFT"});
  ASSERT_TRUE(old_build.result.ok()) << old_build.result.message;
  EXPECT_EQ(old_build.quotes, std::vector<std::string>{"MSFT 123.5 USD ts=1700000000 o=nan h=nan l=nan "
                                                       "v=nan prev=nan ts_ms=0"});
  EXPECT_EQ(old_build.quotes, new_build.quotes);
}

TEST(SourceInstanceAbi10, TheBarsOfA10PluginAreTheBarsOfTodaysBuild) {
  auto as_1_0 = instance_of(abi_1_0_plugin("valid_c"));
  auto today = instance_of(faulty_plugin("valid_c"));
  const History old_build = history_of(*as_1_0, "AAPL", 1'700'000'000, 1'700'500'000);
  const History new_build = history_of(*today, "AAPL", 1'700'000'000, 1'700'500'000);
  ASSERT_TRUE(old_build.result.ok()) << old_build.result.message;
  EXPECT_EQ(old_build.bars.size(), 2u);
  EXPECT_EQ(old_build.bars, new_build.bars);
}

TEST(SourceInstanceAbi10, AFaultyPluginBuiltAs10FailsExactlyAsItsTodaysBuild) {
  auto as_1_0 = instance_of(abi_1_0_plugin("misuses_sink"));
  auto today = instance_of(faulty_plugin("misuses_sink"));

  const History old_history = history_of(*as_1_0, "AAPL", 1'700'000'000, 1'700'500'000);
  const History new_history = history_of(*today, "AAPL", 1'700'000'000, 1'700'500'000);
  EXPECT_EQ(old_history.result.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(old_history.result.message,
            "plugin misused the sink: bars: element_size smaller than the ABI 1.0 record");
  EXPECT_EQ(old_history.result.status, new_history.result.status);
  EXPECT_EQ(old_history.result.message, new_history.result.message);
  EXPECT_TRUE(old_history.bars.empty());

  const Quotes old_quotes = quotes_of(*as_1_0, {"MSFT"});
  const Quotes new_quotes = quotes_of(*today, {"MSFT"});
  EXPECT_EQ(old_quotes.result.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(old_quotes.result.message, new_quotes.result.message);
  EXPECT_EQ(old_quotes.result.status, new_quotes.result.status);
  EXPECT_TRUE(old_quotes.quotes.empty());
}

TEST(SourceInstanceAbi10, A10PluginHasNoStream) {
  auto as_1_0 = instance_of(abi_1_0_plugin("valid_c"));
  StreamControlOutput control;
  const SourceCallResult result = as_1_0->stream_subscribe(
      {StreamRequest::Action::open, {"BTC"}, {"BTCUSDT"}, AssetClass::crypto, 1}, control);
  EXPECT_EQ(result.status, PRICEFEED_UNSUPPORTED);
  EXPECT_EQ(result.message, "source valid_c_source has no stream");
}

}  // namespace
}  // namespace pricefeed::host
