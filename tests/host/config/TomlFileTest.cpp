#include "host/config/TomlFile.hpp"

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/config/ConfigError.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

class TomlFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory = std::filesystem::temp_directory_path() /
                ("pricefeed-toml-file-" +
                 std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(directory);
  }
  void TearDown() override { std::filesystem::remove_all(directory); }

  std::filesystem::path directory;
};

TEST_F(TomlFileTest, ReadsTheWholeFile) {
  std::ofstream(directory / "a.toml") << "[worker]\nbatch_size = 3\n";
  EXPECT_EQ(read_toml_file(directory / "a.toml", "configuration file"), "[worker]\nbatch_size = 3\n");
}

TEST_F(TomlFileTest, NamesTheFileAndWhatItIsWhenItCannotBeRead) {
  try {
    read_toml_file(directory / "missing.toml", "calendar file");
    FAIL() << "a missing file was read";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.origin(), (directory / "missing.toml").string());
    EXPECT_THAT(error.what(), HasSubstr("cannot read the calendar file: No such file or directory"));
  }
  EXPECT_THROW(
      {
        try {
          read_toml_file(directory, "configuration file");
        } catch (const ConfigError& error) {
          EXPECT_THAT(error.what(), HasSubstr("is a directory, not a configuration file"));
          throw;
        }
      },
      ConfigError);
}

TEST(TomlParse, ASyntaxErrorNamesTheLineAndColumn) {
  EXPECT_EQ(parse_toml("[worker]\nbatch_size = 3\n", "a.toml")["worker"]["batch_size"].value<int>(), 3);
  try {
    parse_toml("[worker]\nbatch_size = = 3\n", "a.toml");
    FAIL() << "broken TOML was parsed";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.origin(), "a.toml");
    EXPECT_EQ(error.line(), 2u);
    EXPECT_THAT(error.problem(), HasSubstr("TOML syntax error at column"));
  }
}

}  // namespace
}  // namespace pricefeed::host
