// `pricefeed check-config` end to end without a serve running: the real binary and plugins, a
// database that cannot be reached (the check never needs one), [http] listen where nothing listens.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::test {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;

// Nothing listens on port 1 of the loopback: connecting is refused at once.
const std::string kNoDatabaseNoServe =
    "[database]\nurl = \"postgresql://postgres@127.0.0.1:1/pricefeed?connect_timeout=1\"\n"
    "[http]\nlisten = \"127.0.0.1:1\"\n";

// The default chains name sources these configs do not run: each link would be a problem.
const std::string kOtherClassesUnrouted = "crypto = []\ncommodity = []\nforex = []\nbond = []\n";

std::string csv_source(const std::string& name, const std::string& dir) {
  return "[sources." + name + "]\nplugin = \"csv\"\ndir = \"" + dir + "\"\n";
}

class CheckConfigCommand : public ::testing::Test {
 protected:
  std::filesystem::path write_config(const std::string& rest) {
    return dir_.write_file("pricefeed.toml", kNoDatabaseNoServe + "[plugins]\ndirs = [\"" +
                                                 std::string(PRICEFEED_PLUGIN_BUILD_DIR) +
                                                 "\"]\nenable_unconfigured = false\n" + rest);
  }

  const std::string example_data_ =
      std::string(PRICEFEED_SOURCE_DIR_FOR_TESTS) + "/sdk/examples/csv-source/example-data";
  TemporaryDirectory dir_;
};

TEST_F(CheckConfigCommand, AGoodConfigWithNoServeRunningStartsEverySourceAndExitsZero) {
  const auto config = write_config(csv_source("csv", example_data_) + csv_source("csv_copy", example_data_) +
                                   "[routing]\nstock = [\"csv\"]\n" + kOtherClassesUnrouted);
  const auto r = run_pricefeed({"--config", config.string(), "check-config"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Configuration\n" + config.string() + ": ok\n"));
  EXPECT_THAT(r.out, ContainsRegex("/csv.so +csv .* loaded"));
  EXPECT_THAT(r.out, HasSubstr("no serve answers at 127.0.0.1:1 ("));
  EXPECT_THAT(r.out, ContainsRegex("\ncsv +csv +yes +start +ready\n"));
  EXPECT_THAT(r.out, ContainsRegex("\ncsv_copy +csv +yes +start +ready\n"));
  EXPECT_THAT(r.out, HasSubstr("\nRouting problems\nnone\n"));
  EXPECT_THAT(r.out, ::testing::EndsWith("\nconfiguration ok\n"));
}

TEST_F(CheckConfigCommand, ATomlErrorExitsOneNamingFileLineAndKey) {
  const auto config = write_config("[worker]\nbatch_size = \"ten\"\n");
  const auto r = run_pricefeed({"--config", config.string(), "check-config"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr(config.string() + ": error\n"));
  EXPECT_THAT(r.out, HasSubstr("\nProblems\n" + config.string() + ":9: worker.batch_size: "));
  EXPECT_THAT(r.out, ::testing::EndsWith("\n1 problem\n"));
}

TEST_F(CheckConfigCommand, ListsEveryProblemAndExitsOne) {
  const auto config = write_config(csv_source("csv", example_data_) + csv_source("broken", "/nonexistent") +
                                   "[sources.ghost]\nplugin = \"nosuch\"\n" +
                                   "[routing]\nstock = [\"csv\", \"yahooo\"]\n" + kOtherClassesUnrouted);
  const auto r = run_pricefeed({"--config", config.string(), "check-config"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, ContainsRegex("\ncsv +csv +yes +start +ready\n"));
  EXPECT_THAT(r.out, ContainsRegex("\nbroken +csv +yes +start +not started: create\\(\\) failed"));
  const std::string problems = r.out.substr(r.out.find("\nProblems\n"));
  EXPECT_THAT(problems, HasSubstr("\nsource broken not started: create() failed"));
  EXPECT_THAT(problems, HasSubstr("\nsource ghost not started: no loaded plugin is named \"nosuch\"\n"));
  EXPECT_THAT(problems,
              HasSubstr("\n[routing] stock -> yahooo: no such source (sources: csv, broken, ghost)\n"));
  EXPECT_THAT(problems, ::testing::EndsWith("\n3 problems\n"));
}

TEST_F(CheckConfigCommand, JsonHasTheSameContentAsOneObject) {
  const auto config = write_config(csv_source("csv", example_data_) + csv_source("broken", "/nonexistent") +
                                   "[routing]\nstock = [\"csv\"]\n" + kOtherClassesUnrouted);
  const auto r = run_pricefeed({"--config", config.string(), "check-config", "--json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["config_file"], config.string());
  EXPECT_EQ(json["configuration"], "ok");
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(json["serve"]["address"], "127.0.0.1:1");
  EXPECT_EQ(json["serve"]["answered"], false);
  ASSERT_EQ(json["sources"].size(), 2u);
  EXPECT_EQ(json["sources"][0], nlohmann::json::parse(R"({"name": "csv", "plugin": "csv", "configured": "yes",
                                                           "action": "start", "status": "ready"})"));
  EXPECT_EQ(json["sources"][1]["action"], "start");
  ASSERT_EQ(json["problems"].size(), 1u);
  EXPECT_THAT(json["problems"][0].get<std::string>(), ::testing::StartsWith("source broken not started: "));
  EXPECT_EQ(json["routing_problems"], nlohmann::json::array());
}

TEST_F(CheckConfigCommand, ARefusedPluginFileIsAProblem) {
  const auto config =
      dir_.write_file("pricefeed.toml", kNoDatabaseNoServe + "[plugins]\ndirs = [\"" +
                                            std::string(PRICEFEED_PLUGIN_BUILD_DIR) +
                                            "\", \"/nonexistent/plugins\"]\nenable_unconfigured = false\n");
  const auto r = run_pricefeed({"--config", config.string(), "check-config"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("\nplugin /nonexistent/plugins refused: plugin directory does not exist"));
}

}  // namespace
}  // namespace pricefeed::test
