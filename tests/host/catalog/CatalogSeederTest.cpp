// A catalog call past kMaxAssetsPerCall (tests/plugins/faulty/floods_output.c) is stopped and its
// source counts as failed: nothing it listed is written, and no stored listing is deactivated.
#include "host/catalog/CatalogSeeder.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "host/plugins/HostServices.hpp"
#include "host/plugins/OutputCaps.hpp"
#include "host/plugins/PluginLibrary.hpp"
#include "tests/host/plugins/FaultyPlugins.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

TEST(CatalogSeeder, ASourceListingMoreThanTheCapIsRefusedWhole) {
  test::TestDatabase db;
  auto connection = db.connect();
  const auto file = test::faulty_plugin("floods_output");
  const SourceRegistry sources({PluginFileReport{file, PluginLibrary::load(file, host_services()), {}}},
                               {{"flood", "floods_output", "{}"}}, {});
  RoutingConfig routing;
  routing.sources_by_asset_class = {{AssetClass::stock, {"flood"}}};

  const CatalogSeedReport report = CatalogSeeder(sources, routing).seed(*connection);

  ASSERT_EQ(report.sources.size(), 1u);
  EXPECT_FALSE(report.sources[0].ok);
  EXPECT_THAT(report.sources[0].error, HasSubstr("more than 250000 assets in one call"));
  pqxx::work tx(*connection);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM assets")[0].as<long>(), 0);
}

}  // namespace
}  // namespace pricefeed::host
