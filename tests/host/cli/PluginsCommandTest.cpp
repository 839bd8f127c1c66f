// `pricefeed plugins` end to end: the real binary, the real bundled plugins and the faulty ones.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/host/plugins/FaultyPlugins.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::test {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

// The row of the listing whose first column ends with `file_name` (or is exactly it).
std::string row_for(const std::string& listing, const std::string& first_column_suffix) {
  std::istringstream in(listing);
  for (std::string line; std::getline(in, line);) {
    auto first = line.substr(0, line.find(' '));
    if (first.size() >= first_column_suffix.size() &&
        first.compare(first.size() - first_column_suffix.size(), std::string::npos, first_column_suffix) ==
            0) {
      return line;
    }
  }
  return "(no row for " + first_column_suffix + ")";
}

class PluginsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = dir_.write_file("pricefeed.toml", std::string(R"([plugins]
dirs = [")") + PRICEFEED_PLUGIN_BUILD_DIR + "\", \"" +
                                                    PRICEFEED_FAULTY_PLUGIN_DIR +
                                                    R"(", "/nonexistent/plugins"]
[sources.csv]
dir = ")" + std::string(PRICEFEED_SOURCE_DIR_FOR_TESTS) +
                                                    R"(/sdk/examples/csv-source/example-data"
[sources.broken]
plugin = "create_fails"
)");
  }

  TemporaryDirectory dir_;
  std::filesystem::path config_;
};

TEST_F(PluginsCommand, ListsEachFileInItsStateAndEachSource) {
  auto r = run_pricefeed({"--config", config_.string(), "plugins"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& out = r.out;
  EXPECT_THAT(row_for(out, "/csv.so"), HasSubstr("csv  "));
  // Columns widen with other plugins' values; only the order of the cells is pinned.
  EXPECT_THAT(row_for(out, "/csv.so"), ContainsRegex("history,quotes,catalog +loaded"));
  EXPECT_THAT(row_for(out, "/valid_c.so"), HasSubstr("loaded"));
  EXPECT_THAT(row_for(out, "/not_elf.so"), HasSubstr("refused: not a loadable shared library: "));
  EXPECT_THAT(row_for(out, "/not_a_plugin.so"), HasSubstr("refused: no pricefeed_abi_version symbol"));
  EXPECT_THAT(row_for(out, "/no_entry.so"), HasSubstr("refused: no pricefeed_plugin_entry symbol (ABI 1.1)"));
  EXPECT_THAT(row_for(out, "/abi_major_2.so"),
              HasSubstr("refused: built for ABI 2.0 but this host speaks ABI 1.1"));
  EXPECT_THAT(row_for(out, "/abi_minor_newer.so"),
              HasSubstr("refused: built for ABI 1.2, newer than this host's"));
  EXPECT_THAT(row_for(out, "/oversized_descriptor.so"), HasSubstr("refused: descriptor is "));
  EXPECT_THAT(row_for(out, "/entry_fails.so"),
              HasSubstr("refused: pricefeed_plugin_entry failed with code 7"));
  EXPECT_THAT(row_for(out, "/nonexistent/plugins"), HasSubstr("refused: plugin directory does not exist"));
  EXPECT_THAT(row_for(out, "broken"),
              HasSubstr("not started: create() failed (invalid_config): api_key is required"));
  EXPECT_THAT(row_for(out, "csv"), HasSubstr("ready"));
  EXPECT_THAT(row_for(out, "valid_c"), ContainsRegex("no \\(defaults\\) +ready"));
}

TEST_F(PluginsCommand, ShowsTheStreamCapabilityOfTheBundledBinancePlugin) {
  auto r = run_pricefeed({"--config", config_.string(), "plugins"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(row_for(r.out, "/binance.so"), ContainsRegex("history,quotes,catalog,resolve,stream +loaded"));
  EXPECT_THAT(row_for(r.out, "/csv.so"), Not(HasSubstr("stream")));
}

TEST_F(PluginsCommand, LogsOneJsonLinePerRefusedPluginNamingFileAndVersions) {
  auto r = run_pricefeed({"--config", config_.string(), "plugins"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.err);
  int refusals = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"msg\":\"plugin refused\"") == std::string::npos) continue;
    ++refusals;
    EXPECT_EQ(line.front(), '{') << line;
    EXPECT_THAT(line, HasSubstr("\"file\":\""));
    EXPECT_THAT(line, HasSubstr("\"host_abi\":\"1.1\""));
    if (line.find("abi_major_2.so") != std::string::npos) {
      EXPECT_THAT(line, HasSubstr("ABI 2.0"));
    }
  }
  // not_elf, not_a_plugin, no_entry, abi_major_2, abi_minor_newer, oversized, entry_fails,
  // stream_without_frame
  EXPECT_EQ(refusals, 8);
}

// The ABI column is each plugin's own version: 1.1 for today's builds, 1.0 for those built against
// the frozen 1.0 headers (tests/plugins/abi-1.0); the capabilities name stream.
TEST_F(PluginsCommand, ShowsEachPluginsAbiVersionAndTheStreamCapability) {
  auto r = run_pricefeed({"--config", config_.string(), "plugins"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(row_for(r.out, "/streams_c.so"),
              ContainsRegex("streams_c +0\\.0\\.1 +1\\.1 +crypto +quotes,stream +loaded"));
  EXPECT_THAT(row_for(r.out, "/valid_c.so"),
              ContainsRegex("valid_c +0\\.0\\.1 +1\\.1 +stock +history,quotes +loaded"));
  EXPECT_THAT(row_for(r.out, "/stream_without_frame.so"),
              HasSubstr("refused: descriptor declares stream but has no stream_frame"));

  const auto old_builds = dir_.write_file(
      "abi_1_0.toml", std::string("[plugins]\ndirs = [\"") + PRICEFEED_ABI_1_0_PLUGIN_DIR + "\"]\n");
  auto as_1_0 = run_pricefeed({"--config", old_builds.string(), "plugins"});
  ASSERT_EQ(as_1_0.exit_code, 0) << as_1_0.err;
  EXPECT_THAT(row_for(as_1_0.out, "/valid_c.so"),
              ContainsRegex("valid_c +0\\.0\\.1 +1\\.0 +stock +history,quotes +loaded"));
  EXPECT_THAT(row_for(as_1_0.out, "/csv.so"),
              ContainsRegex("csv +1\\.0\\.0 +1\\.0 +.* +history,quotes,catalog +loaded"));
  EXPECT_THAT(row_for(as_1_0.out, "/declares_stream.so"),
              HasSubstr("refused: built for ABI 1.0 but declares stream, a capability of ABI 1.1"));
}

TEST_F(PluginsCommand, ExplainsAPluginOthersCouldChangeAndShowsWhereASymlinkLeads) {
  namespace fs = std::filesystem;
  TemporaryDirectory plugins(plugin_scratch_dir());
  fs::copy_file(faulty_plugin("valid_c"), plugins.path() / "group_writable.so");
  fs::permissions(plugins.path() / "group_writable.so", fs::perms::owner_all | fs::perms::group_all |
                                                            fs::perms::others_read | fs::perms::others_exec);
  fs::create_directories(plugins.path() / "real");
  fs::copy_file(faulty_plugin("create_fails"), plugins.path() / "real/create_fails.so");
  fs::create_symlink(plugins.path() / "real/create_fails.so", plugins.path() / "linked.so");
  const auto config =
      dir_.write_file("scratch.toml", "[plugins]\ndirs = [\"" + plugins.path().string() + "\"]\n");

  auto r = run_pricefeed({"--config", config.string(), "plugins"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string file = (plugins.path() / "group_writable.so").string();
  EXPECT_THAT(
      row_for(r.out, "/group_writable.so"),
      HasSubstr("refused: file " + file + " is writable by its group (mode 0775): run chmod g-w " + file));
  EXPECT_THAT(row_for(r.out, "/linked.so"),
              HasSubstr("/linked.so -> " + (plugins.path() / "real/create_fails.so").string() + " "));
  EXPECT_THAT(row_for(r.out, "/linked.so"), HasSubstr("loaded"));
}

TEST_F(PluginsCommand, WarnsOfARoutingChainNamingASourceThatDoesNotExist) {
  const auto config = dir_.write_file("routed.toml", std::string(R"([plugins]
dirs = [")") + PRICEFEED_PLUGIN_BUILD_DIR + R"("]
enable_unconfigured = false
[sources.csv]
dir = ")" + std::string(PRICEFEED_SOURCE_DIR_FOR_TESTS) + R"(/sdk/examples/csv-source/example-data"
[sources.broken]
plugin = "csv"
dir = "/nonexistent"
[routing]
stock = ["csv", "yahooo", "broken"]
)");
  auto r = run_pricefeed({"--config", config.string(), "plugins"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string routing = r.out.substr(r.out.find("\nRouting\n"));
  EXPECT_THAT(routing, ContainsRegex("stock +csv +ready"));
  EXPECT_THAT(routing, ContainsRegex("stock +yahooo +no such source \\(sources: csv, broken\\)"));
  EXPECT_THAT(routing, ContainsRegex("stock +broken +not started: create\\(\\) failed"));
  EXPECT_THAT(r.err, HasSubstr("a [routing] chain names a source that cannot serve"));
  EXPECT_THAT(r.err, HasSubstr("yahooo"));
}

TEST_F(PluginsCommand, NamesTheCalendarFileInUse) {
  // The config sits in a fresh folder without exchanges.toml: a build tree reads the source tree's.
  auto r = run_pricefeed({"--config", config_.string(), "plugins"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\nCalendars\n" + std::string(PRICEFEED_SOURCE_DIR_FOR_TESTS) +
                               "/config/exchanges.toml (source tree)\n"));

  dir_.write_file("exchanges.toml", "");
  r = run_pricefeed({"--config", config_.string(), "plugins"});
  EXPECT_THAT(r.out, HasSubstr((dir_.path() / "exchanges.toml").string() + " (beside the configuration)"));
}

}  // namespace
}  // namespace pricefeed::test
