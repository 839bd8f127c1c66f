// Where `pricefeed migrate` finds its migrations: an explicit PRICEFEED_SQL_DIR, else the installed
// copy next to the executable, else the source tree it was built from.
#include "host/db/SqlDirectory.hpp"

#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/db/MigrationError.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

struct SqlDirectoryTest : ::testing::Test {
  test::TemporaryDirectory root;
  std::filesystem::path configured = root.path() / "configured";
  std::filesystem::path installed = root.path() / "share" / "pricefeed" / "sql";
  std::filesystem::path source_tree = root.path() / "src" / "sql";

  void SetUp() override {
    std::filesystem::create_directories(configured);
    std::filesystem::create_directories(installed);
    std::filesystem::create_directories(source_tree);
  }
};

TEST_F(SqlDirectoryTest, PrefersTheConfiguredDirectory) {
  EXPECT_EQ(choose_sql_directory({configured, installed, source_tree}), configured);
}

TEST_F(SqlDirectoryTest, ConfiguredDirectoryMustExist) {
  try {
    choose_sql_directory({root.path() / "typo", installed, source_tree});
    FAIL() << "a missing PRICEFEED_SQL_DIR was passed over";
  } catch (const MigrationError& error) {
    EXPECT_THAT(error.what(), HasSubstr("PRICEFEED_SQL_DIR=" + (root.path() / "typo").string()));
  }
}

TEST_F(SqlDirectoryTest, PrefersTheInstalledCopyToTheSourceTree) {
  EXPECT_EQ(choose_sql_directory({std::nullopt, installed, source_tree}), installed);
}

TEST_F(SqlDirectoryTest, FallsBackToTheSourceTree) {
  EXPECT_EQ(choose_sql_directory({std::nullopt, root.path() / "not-installed", source_tree}), source_tree);
}

TEST_F(SqlDirectoryTest, NamesEveryPlaceItLookedWhenNoneExists) {
  try {
    choose_sql_directory({std::nullopt, root.path() / "a", root.path() / "b"});
    FAIL() << "no directory exists, yet one was chosen";
  } catch (const MigrationError& error) {
    EXPECT_THAT(error.what(), HasSubstr((root.path() / "a").string()));
    EXPECT_THAT(error.what(), HasSubstr((root.path() / "b").string()));
    EXPECT_THAT(error.what(), HasSubstr("PRICEFEED_SQL_DIR"));
  }
}

TEST(SqlDirectory, ABuildTreeFindsTheSourceTreesMigrations) {
  ::unsetenv("PRICEFEED_SQL_DIR");
  const SqlDirectoryCandidates candidates = sql_directory_candidates();
  EXPECT_FALSE(candidates.configured.has_value());
  EXPECT_EQ(candidates.installed.filename(), "sql");
  EXPECT_TRUE(std::filesystem::exists(find_sql_directory() / "001_initial_schema.sql"));
}

TEST(SqlDirectory, TheEnvironmentVariableIsTheConfiguredCandidate) {
  test::TemporaryDirectory directory;
  ::setenv("PRICEFEED_SQL_DIR", directory.path().c_str(), 1);
  EXPECT_EQ(find_sql_directory(), directory.path());
  ::unsetenv("PRICEFEED_SQL_DIR");
}

}  // namespace
}  // namespace pricefeed::host
