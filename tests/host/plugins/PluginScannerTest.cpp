#include "host/plugins/PluginScanner.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/plugins/HostServices.hpp"
#include "tests/host/plugins/FaultyPlugins.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {
namespace {

namespace fs = std::filesystem;
using test::faulty_plugin;
using test::faulty_plugin_dir;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const PluginFileReport& report_for(const std::vector<PluginFileReport>& reports,
                                   const std::string& file_name) {
  for (const auto& r : reports) {
    if (r.file.filename() == file_name) return r;
  }
  throw std::runtime_error("no report for " + file_name);
}

TEST(PluginScanner, LoadsTheGoodAndReportsEveryBadPluginOfADirectory) {
  auto reports = scan_plugin_dirs({faulty_plugin_dir()}, host_services());
  EXPECT_TRUE(report_for(reports, "valid_c.so").loaded());
  EXPECT_TRUE(report_for(reports, "create_fails.so").loaded());  // refused per instance, not per file
  for (const char* bad : {"not_elf.so", "not_a_plugin.so", "no_entry.so", "abi_major_2.so",
                          "abi_minor_newer.so", "oversized_descriptor.so", "entry_fails.so"}) {
    const auto& r = report_for(reports, bad);
    EXPECT_FALSE(r.loaded()) << bad;
    EXPECT_FALSE(r.refusal.empty()) << bad;
  }
}

TEST(PluginScanner, ReportsAMissingDirectoryAndGoesOn) {
  auto reports = scan_plugin_dirs({"/nonexistent/plugins", faulty_plugin_dir()}, host_services());
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.front().file, fs::path("/nonexistent/plugins"));
  EXPECT_EQ(reports.front().refusal, "plugin directory does not exist");
  EXPECT_TRUE(report_for(reports, "valid_c.so").loaded());
}

TEST(PluginScanner, RefusesASecondPluginWithTheSameName) {
  test::TemporaryDirectory dir(test::plugin_scratch_dir());
  fs::copy_file(faulty_plugin("valid_c"), dir.path() / "a_first.so");
  fs::copy_file(faulty_plugin("valid_c"), dir.path() / "b_second.so");
  auto reports = scan_plugin_dirs({dir.path()}, host_services());
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_TRUE(reports[0].loaded());
  EXPECT_EQ(reports[1].refusal,
            "plugin name \"valid_c\" is already loaded from " + (dir.path() / "a_first.so").string());
}

TEST(PluginScanner, SkipsHiddenFilesAndNamesNotEndingInSo) {
  test::TemporaryDirectory dir(test::plugin_scratch_dir());
  fs::copy_file(faulty_plugin("valid_c"), dir.path() / ".valid_c.so");
  fs::copy_file(faulty_plugin("valid_c"), dir.path() / "valid_c.so.tmp");
  EXPECT_THAT(scan_plugin_dirs({dir.path()}, host_services()), IsEmpty());
}

TEST(PluginScanner, RefusesAPluginInADirectoryOthersCouldChange) {
  test::TemporaryDirectory dir(test::plugin_scratch_dir());
  fs::copy_file(faulty_plugin("valid_c"), dir.path() / "valid_c.so");
  fs::permissions(dir.path(), fs::perms::group_write, fs::perm_options::add);
  auto reports = scan_plugin_dirs({dir.path()}, host_services());
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_THAT(reports[0].refusal,
              HasSubstr("directory " + dir.path().string() + " is writable by its group"));
}

// A deploy as docs/reload.md asks for it: the new build under a temporary name, renamed over the old.
void install_over(const fs::path& build, const fs::path& target) {
  const fs::path temporary = target.parent_path() / ("." + target.filename().string() + ".tmp");
  fs::copy_file(build, temporary);
  fs::rename(temporary, target);
}

TEST(PluginScanner, ARescanReusesTheLibraryOfAnUnchangedFileAndLoadsAnotherBuildAnew) {
  test::TemporaryDirectory dir(test::plugin_scratch_dir());
  fs::copy_file(faulty_plugin("valid_c"), dir.path() / "valid_c.so");
  const auto first = scan_plugin_dirs({dir.path()}, host_services());
  ASSERT_TRUE(first.at(0).loaded());

  const auto unchanged = scan_plugin_dirs({dir.path()}, host_services(), first);
  EXPECT_EQ(unchanged.at(0).library, first.at(0).library) << "the same file is not loaded twice";

  install_over(faulty_plugin("valid_c"), dir.path() / "valid_c.so");
  const auto rebuilt = scan_plugin_dirs({dir.path()}, host_services(), first);
  ASSERT_TRUE(rebuilt.at(0).loaded());
  EXPECT_NE(rebuilt.at(0).library, first.at(0).library) << "another inode is another build";
  EXPECT_NE(rebuilt.at(0).library->file_state(), first.at(0).library->file_state());
}

TEST(PluginScanner, ARescanChecksTheFileAgainEvenWhenItIsUnchanged) {
  test::TemporaryDirectory dir(test::plugin_scratch_dir());
  fs::copy_file(faulty_plugin("valid_c"), dir.path() / "valid_c.so");
  const auto first = scan_plugin_dirs({dir.path()}, host_services());
  fs::permissions(dir.path() / "valid_c.so", fs::perms::others_write, fs::perm_options::add);
  const auto again = scan_plugin_dirs({dir.path()}, host_services(), first);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_FALSE(again[0].loaded());
  EXPECT_THAT(again[0].refusal, HasSubstr("writable by others"));
}

}  // namespace
}  // namespace pricefeed::host
