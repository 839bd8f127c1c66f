#include "host/config/DefaultConfigPath.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

TEST(DefaultConfigPathTest, WorkingDirectoryConfigComesFirst) {
  pricefeed::test::TemporaryDirectory directory;
  auto local = directory.write_file("work/config/pricefeed.toml", "");
  auto system = directory.write_file("etc/pricefeed.toml", "");
  EXPECT_EQ(default_config_path(directory.path() / "work", system), local);
}

TEST(DefaultConfigPathTest, SystemConfigIsTheFallback) {
  pricefeed::test::TemporaryDirectory directory;
  auto system = directory.write_file("etc/pricefeed.toml", "");
  EXPECT_EQ(default_config_path(directory.path() / "work", system), system);
}

TEST(DefaultConfigPathTest, NoFileMeansBuiltInDefaults) {
  pricefeed::test::TemporaryDirectory directory;
  EXPECT_EQ(default_config_path(directory.path(), directory.path() / "none.toml"), std::nullopt);
  auto loaded =
      load_config_or_defaults(std::nullopt, Environment(), directory.path(), directory.path() / "none.toml");
  EXPECT_TRUE(loaded.config.file.empty());
  EXPECT_EQ(loaded.config.sources.size(), 5u);
}

TEST(DefaultConfigPathTest, FoundFileIsLoaded) {
  pricefeed::test::TemporaryDirectory directory;
  directory.write_file("config/pricefeed.toml", "[worker]\nbatch_size = 2\n");
  auto loaded =
      load_config_or_defaults(std::nullopt, Environment(), directory.path(), directory.path() / "none.toml");
  EXPECT_EQ(loaded.config.worker.batch_size, 2);
  EXPECT_EQ(loaded.config.file, directory.path() / "config" / "pricefeed.toml");
}

TEST(DefaultConfigPathTest, ExplicitConfigThatIsMissingIsAnError) {
  pricefeed::test::TemporaryDirectory directory;
  directory.write_file("config/pricefeed.toml", "");  // present, but not what the operator asked for
  auto named = directory.path() / "typo.toml";
  try {
    load_config_or_defaults(named, Environment(), directory.path(), directory.path() / "none.toml");
    FAIL() << "fell back although --config named a file";
  } catch (const ConfigError& error) {
    EXPECT_THAT(error.what(), HasSubstr(named.string() + ": cannot read the configuration file"));
  }
}

}  // namespace
}  // namespace pricefeed::host
