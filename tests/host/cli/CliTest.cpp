// The command line itself: help, usage errors, configuration errors, commands not built yet.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;

TEST(Cli, HelpListsEveryCommandOfTheDesign) {
  auto r = run_pricefeed({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* command :
       {"migrate", "plugins", "serve", "worker", "daemon", "seed-catalog", "backfill"}) {
    EXPECT_THAT(r.out, HasSubstr(command)) << command;
  }
}

TEST(Cli, NoCommandIsAUsageError) {
  EXPECT_EQ(run_pricefeed({}).exit_code, 2);
  EXPECT_EQ(run_pricefeed({"frobnicate"}).exit_code, 2);
}

TEST(Cli, DaemonArgumentsAreCheckedBeforeAnythingRuns) {
  auto r = run_pricefeed({"daemon", "--at", "2026-11-27T17:30:00Z"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--at: only with --once"));
  r = run_pricefeed({"daemon", "--once", "--at", "tomorrow"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--at: \"tomorrow\" is not an instant"));
}

TEST(Cli, ABrokenConfigNamesItsFileLineAndKey) {
  TemporaryDirectory dir;
  auto file = dir.write_file("broken.toml", "[worker]\nbatch_size = \"ten\"\n");
  auto r = run_pricefeed({"--config", file.string(), "plugins"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(file.string() + ":2: worker.batch_size: expected an integer"));
}

TEST(Cli, ATomlSyntaxErrorNamesItsLine) {
  TemporaryDirectory dir;
  auto file = dir.write_file("syntax.toml", "[database]\nurl = \"postgresql:///x\"\npool_size = = 4\n");
  auto r = run_pricefeed({"--config", file.string(), "plugins"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(file.string() + ":3"));
}

TEST(Cli, AMissingConfigFileIsAnError) {
  auto r = run_pricefeed({"--config", "/nonexistent/pricefeed.toml", "plugins"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/pricefeed.toml"));
}

TEST(Cli, AnUnknownKeyIsWarnedAboutButRuns) {
  TemporaryDirectory dir;
  auto file = dir.write_file("typo.toml", "[plugins]\ndirs = []\n[worker]\nbatch_sise = 3\n");
  auto r = run_pricefeed({"--config", file.string(), "--log-format", "text", "plugins"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("worker.batch_sise"));
  EXPECT_THAT(r.err, HasSubstr("batch_size"));
}

}  // namespace
}  // namespace pricefeed::test
