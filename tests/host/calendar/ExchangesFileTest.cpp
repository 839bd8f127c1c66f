// Which exchanges.toml a host reads: the named file, else beside the configuration, else the
// installed copy, else the source tree; and an error naming every place when there is none.
#include "host/calendar/ExchangesFile.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/config/ConfigError.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

class ExchangesFileTest : public ::testing::Test {
 protected:
  ExchangesFileTest() {
    config_.file = root_.path() / "etc" / "pricefeed.toml";
    config_.directory = root_.path() / "etc";
    data_.installed = root_.path() / "share" / "pricefeed";
    data_.source_tree = root_.path() / "src";
  }

  std::filesystem::path write(const std::filesystem::path& relative) const {
    return root_.write_file(relative, "[exchanges.X]\n");
  }

  test::TemporaryDirectory root_;
  Config config_;
  DataDirectories data_;
};

TEST_F(ExchangesFileTest, AFileBesideTheConfigurationComesFirst) {
  const auto beside = write("etc/exchanges.toml");
  write("share/pricefeed/exchanges.toml");
  write("src/config/exchanges.toml");
  const ExchangesFile found = locate_exchanges_file(config_, data_);
  EXPECT_EQ(found.path, beside);
  EXPECT_EQ(found.chosen_as, "beside the configuration");
}

TEST_F(ExchangesFileTest, AConfigurationInANewFolderReadsTheInstalledCopy) {
  const auto installed = write("share/pricefeed/exchanges.toml");
  write("src/config/exchanges.toml");
  const ExchangesFile found = locate_exchanges_file(config_, data_);
  EXPECT_EQ(found.path, installed);
  EXPECT_EQ(found.chosen_as, "installed copy");
}

TEST_F(ExchangesFileTest, ABuildTreeWithNothingInstalledReadsTheSourceTree) {
  const auto source = write("src/config/exchanges.toml");
  const ExchangesFile found = locate_exchanges_file(config_, data_);
  EXPECT_EQ(found.path, source);
  EXPECT_EQ(found.chosen_as, "source tree");
}

TEST_F(ExchangesFileTest, ANamedFileIsNeverPassedOverEvenWhenItIsMissing) {
  write("share/pricefeed/exchanges.toml");
  config_.daemon.exchanges_file = "calendars/typo.toml";
  const ExchangesFile found = locate_exchanges_file(config_, data_);
  EXPECT_EQ(found.path, root_.path() / "etc" / "calendars" / "typo.toml");
  EXPECT_EQ(found.chosen_as, "daemon.exchanges_file");
}

TEST_F(ExchangesFileTest, NoFileAnywhereNamesEveryPlaceLooked) {
  try {
    locate_exchanges_file(config_, data_);
    FAIL() << "no calendar file exists, yet one was chosen";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.key(), "daemon.exchanges_file");
    EXPECT_THAT(error.what(), HasSubstr((root_.path() / "etc" / "exchanges.toml").string()));
    EXPECT_THAT(error.what(), HasSubstr((root_.path() / "share" / "pricefeed" / "exchanges.toml").string()));
    EXPECT_THAT(error.what(), HasSubstr((root_.path() / "src" / "config" / "exchanges.toml").string()));
  }
}

TEST_F(ExchangesFileTest, AnUnknownExecutableLocationSkipsTheInstalledCopy) {
  data_.installed.clear();
  const auto source = write("src/config/exchanges.toml");
  EXPECT_EQ(locate_exchanges_file(config_, data_).path, source);
}

TEST(ExchangesFile, ThisBuildTreeFindsTheShippedCalendars) {
  Config built_in;  // no file: beside /etc/pricefeed, which a build machine need not have
  const ExchangesFile found = locate_exchanges_file(built_in);
  EXPECT_TRUE(std::filesystem::is_regular_file(found.path)) << found.path;
  EXPECT_EQ(found.path.filename(), "exchanges.toml");
}

}  // namespace
}  // namespace pricefeed::host
