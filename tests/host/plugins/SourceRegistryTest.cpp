// How a reload updates the running sources (SourceRegistry::update, docs/reload.md): what is left
// alone, what gets a new instance, and that a replaced instance lives on while a call holds it.

#include "host/plugins/SourceRegistry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "host/plugins/HostServices.hpp"
#include "tests/host/plugins/CollectingConsumers.hpp"
#include "tests/host/plugins/FaultyPlugins.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<PluginFileReport> faulty_plugins() {
  return scan_plugin_dirs({test::faulty_plugin_dir()}, host_services());
}

SourceSpec spec(std::string name, std::string plugin, std::string json = "{}") {
  return {std::move(name), std::move(plugin), std::move(json), true};
}

TEST(SourceRegistryUpdate, LeavesASourceWhosePluginAndTableAreTheSameAlone) {
  const auto plugins = faulty_plugins();
  SourceRegistry registry(plugins, {spec("alpha", "valid_c")}, {});
  const auto before = registry.find("alpha");

  const SourceRegistryChanges changes = registry.update(plugins, {spec("alpha", "valid_c")}, {});
  EXPECT_THAT(changes.unchanged, ElementsAre("alpha"));
  EXPECT_THAT(changes.changed, IsEmpty());
  EXPECT_EQ(registry.find("alpha"), before) << "the very same instance";
}

TEST(SourceRegistryUpdate, GivesAChangedTableANewInstanceWhileACallHoldsTheOldOne) {
  const auto plugins = faulty_plugins();
  SourceRegistry registry(plugins, {spec("alpha", "valid_c", R"({"api_key":"old"})")}, {});
  std::shared_ptr<SourceInstance> in_flight = registry.find("alpha");
  const std::weak_ptr<SourceInstance> old = in_flight;

  const auto changes = registry.update(plugins, {spec("alpha", "valid_c", R"({"api_key":"new"})")}, {});
  EXPECT_THAT(changes.changed, ElementsAre("alpha"));
  EXPECT_NE(registry.find("alpha"), in_flight) << "new calls find the new instance";
  EXPECT_FALSE(old.expired()) << "the call in flight still has its instance";
  in_flight.reset();
  EXPECT_TRUE(old.expired()) << "destroyed once the last call returned";
}

TEST(SourceRegistryUpdate, StartsNewTablesAndStopsRemovedOnes) {
  const auto plugins = faulty_plugins();
  SourceRegistry registry(plugins, {spec("alpha", "valid_c"), spec("beta", "valid_c")}, {});
  const auto changes = registry.update(plugins, {spec("alpha", "valid_c"), spec("gamma", "valid_c")}, {});
  EXPECT_THAT(changes.started, ElementsAre("gamma"));
  EXPECT_THAT(changes.stopped, ElementsAre("beta"));
  EXPECT_EQ(registry.find("beta"), nullptr);
  ASSERT_NE(registry.find("gamma"), nullptr);
}

TEST(SourceRegistryUpdate, KeepsTheRunningInstanceWhenTheNewOneIsRefused) {
  const auto plugins = faulty_plugins();
  SourceRegistry registry(plugins, {spec("alpha", "valid_c")}, {});
  const auto before = registry.find("alpha");

  const auto changes = registry.update(plugins, {spec("alpha", "create_fails")}, {});
  ASSERT_EQ(changes.refused.size(), 1u);
  EXPECT_EQ(changes.refused[0].spec.name, "alpha");
  EXPECT_THAT(changes.refused[0].refusal, HasSubstr("create() failed"));
  EXPECT_THAT(changes.stopped, IsEmpty());
  EXPECT_EQ(registry.find("alpha"), before) << "a bad reload takes nothing down";
}

TEST(SourceRegistryUpdate, StopsASourceWhosePluginFileIsGoneButKeepsOneWhoseNewBuildIsRefused) {
  test::TemporaryDirectory dir(test::plugin_scratch_dir());
  fs::copy_file(test::faulty_plugin("valid_c"), dir.path() / "valid_c.so");
  const auto first = scan_plugin_dirs({dir.path()}, host_services());
  SourceRegistry registry(first, {spec("alpha", "valid_c")}, {});
  const auto before = registry.find("alpha");

  // Another build that the host refuses (it is not a plugin) takes the file's place.
  fs::copy_file(test::faulty_plugin("not_a_plugin"), dir.path() / ".valid_c.tmp");
  fs::rename(dir.path() / ".valid_c.tmp", dir.path() / "valid_c.so");
  const auto refused =
      registry.update(scan_plugin_dirs({dir.path()}, host_services(), first), {spec("alpha", "valid_c")}, {});
  ASSERT_EQ(refused.refused.size(), 1u);
  EXPECT_THAT(refused.refused[0].refusal, HasSubstr("was refused"));
  EXPECT_EQ(registry.find("alpha"), before);

  fs::remove(dir.path() / "valid_c.so");
  const auto gone =
      registry.update(scan_plugin_dirs({dir.path()}, host_services(), first), {spec("alpha", "valid_c")}, {});
  EXPECT_THAT(gone.stopped, ElementsAre("alpha"));
  EXPECT_EQ(registry.find("alpha"), nullptr);
}

TEST(SourceRegistryUpdate, UnloadsAReplacedPluginBuildOnceNoInstanceUsesIt) {
  test::TemporaryDirectory dir(test::plugin_scratch_dir());
  fs::copy_file(test::faulty_plugin("valid_c"), dir.path() / "valid_c.so");
  auto plugins = scan_plugin_dirs({dir.path()}, host_services());
  SourceRegistry registry(plugins, {spec("alpha", "valid_c")}, {});
  const std::weak_ptr<PluginLibrary> old_build = plugins.at(0).library;

  fs::copy_file(test::faulty_plugin("valid_c"), dir.path() / ".valid_c.tmp");
  fs::rename(dir.path() / ".valid_c.tmp", dir.path() / "valid_c.so");
  auto rebuilt = scan_plugin_dirs({dir.path()}, host_services(), plugins);
  const auto changes = registry.update(rebuilt, {spec("alpha", "valid_c")}, {});
  EXPECT_THAT(changes.changed, ElementsAre("alpha"));
  plugins = std::move(rebuilt);  // what SourceRuntime keeps: the new scan
  EXPECT_TRUE(old_build.expired()) << "no instance and no scan holds the old build: it is unloaded";
}

TEST(SourceRegistryUpdate, CallsRunOnWhileUpdatesReplaceTheirSource) {
  // Run under the sanitizers (docs/sanitizers.md): a call whose instance a reload destroyed too early
  // is a use after free there.
  const auto plugins = faulty_plugins();
  SourceRegistry registry(plugins, {spec("alpha", "valid_c", R"({"n":0})")}, {});
  std::atomic<bool> done{false};
  std::atomic<int> calls{0};
  std::vector<std::jthread> callers;
  for (int t = 0; t < 4; ++t) {
    callers.emplace_back([&] {
      while (!done) {
        if (const auto source = registry.find("alpha")) {
          testing::CollectQuotes out;
          if (source->fetch_quotes({{"MSFT"}, {""}, AssetClass::stock}, out).ok()) ++calls;
        }
      }
    });
  }
  for (int n = 1; n <= 200; ++n)
    registry.update(plugins, {spec("alpha", "valid_c", R"({"n":)" + std::to_string(n) + "}")}, {});
  done = true;
  callers.clear();
  EXPECT_GT(calls.load(), 0);
  EXPECT_NE(registry.find("alpha"), nullptr);
}

}  // namespace
}  // namespace pricefeed::host
