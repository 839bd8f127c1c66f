// What a quote call may hand the host: one quote per symbol the batch asked for. A plugin that sends
// repeats or symbols nobody asked for (tests/plugins/faulty/floods_output.c) costs no memory past
// its batch and changes no price.
#include "host/daemon/QuoteFetcher.hpp"

#include <gtest/gtest.h>

#include "host/plugins/HostServices.hpp"
#include "host/plugins/PluginLibrary.hpp"
#include "tests/host/plugins/FaultyPlugins.hpp"

namespace pricefeed::host {
namespace {

SourceRegistry flooding_source() {
  const auto file = test::faulty_plugin("floods_output");
  return SourceRegistry({PluginFileReport{file, PluginLibrary::load(file, host_services()), {}}},
                        {{"flood", "floods_output", "{}"}}, {});
}

TEST(QuoteFetcher, KeepsTheFirstQuoteOfEachAskedSymbolAndCountsTheRest) {
  const SourceRegistry sources = flooding_source();
  RoutingConfig routing;
  routing.sources_by_asset_class = {{AssetClass::stock, {"flood"}}};
  const QuoteFetcher fetcher(sources, routing);

  const QuoteFetchResult result =
      fetcher.fetch({{1, "AAPL", AssetClass::stock, {}}, {2, "MSFT", AssetClass::stock, {}}});

  ASSERT_EQ(result.quotes.size(), 2u);
  for (const AssetQuote& quote : result.quotes)
    EXPECT_DOUBLE_EQ(quote.quote.price, 100.0) << quote.symbol << ": the first quote, not the repeat";
  EXPECT_TRUE(result.unquoted.empty());
  const SourceQuoteStats& stats = result.by_source.at("flood");
  EXPECT_EQ(stats.quoted, 2u);
  EXPECT_EQ(stats.dropped, 3u) << "two repeats and NOT-ASKED";
}

}  // namespace
}  // namespace pricefeed::host
