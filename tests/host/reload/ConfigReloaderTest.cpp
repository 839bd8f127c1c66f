// What a reload decides from its steps' answers (host/reload/ConfigReloader): a bad configuration or
// work that cannot be built changes nothing; a refused source makes it partial.

#include "host/reload/ConfigReloader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "host/config/ConfigError.hpp"
#include "host/metrics/HostMetrics.hpp"

namespace pricefeed::host {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ConfigReloaderTest : public ::testing::Test {
 protected:
  double reloads_counted(const char* outcome) { return host_metrics().reloads.labels({outcome}).value(); }

  Config file_;  // what the configuration file says now
  std::optional<ConfigError> unreadable_;
  SourceReload sources_answer_;
  int source_reloads_ = 0;
  bool work_cannot_be_built_ = false;
  int work_started_ = 0;

  ConfigReloader reloader_{std::make_shared<const Config>(),
                           {.load_config =
                                [this] {
                                  if (unreadable_) throw *unreadable_;
                                  return file_;
                                },
                            .reload_sources =
                                [this](const Config&) {
                                  ++source_reloads_;
                                  return sources_answer_;
                                },
                            .prepare_work = [this](std::shared_ptr<const Config>) -> std::function<void()> {
                              if (work_cannot_be_built_)
                                throw std::runtime_error("daemon.exchanges_file: cannot read /nope.toml");
                              return [this] { ++work_started_; };
                            }}};
};

TEST_F(ConfigReloaderTest, ABadConfigurationChangesNothingAndSaysWhere) {
  const double refused_before = reloads_counted("refused");
  unreadable_ =
      ConfigError("pricefeed.toml", 3, "worker.batch_size", "expected an integer, got string \"ten\"");
  const ReloadReport report = reloader_.reload("SIGHUP");
  EXPECT_EQ(report.outcome, ReloadOutcome::refused);
  EXPECT_THAT(report.errors,
              ElementsAre("pricefeed.toml:3: worker.batch_size: expected an integer, got string \"ten\""));
  EXPECT_EQ(source_reloads_, 0) << "no source was touched";
  EXPECT_EQ(reloader_.count(), 1u);
  EXPECT_EQ(reloader_.last()->outcome, ReloadOutcome::refused);
  EXPECT_EQ(reloads_counted("refused"), refused_before + 1);
}

TEST_F(ConfigReloaderTest, WorkThatCannotBeBuiltRefusesTheWholeReload) {
  file_.daemon.interval_minutes = 5;
  work_cannot_be_built_ = true;
  const ReloadReport report = reloader_.reload("SIGHUP");
  EXPECT_EQ(report.outcome, ReloadOutcome::refused);
  EXPECT_THAT(report.errors, ElementsAre("daemon.exchanges_file: cannot read /nope.toml"));
  EXPECT_EQ(source_reloads_, 0);
  EXPECT_EQ(reloader_.running()->daemon.interval_minutes, Config{}.daemon.interval_minutes);
}

TEST_F(ConfigReloaderTest, AChangedWorkSectionStartsNewWorkAfterTheSources) {
  file_.routing.sources_by_asset_class[AssetClass::crypto] = {"binance"};
  const ReloadReport report = reloader_.reload("POST /v1/admin/reload");
  EXPECT_EQ(report.outcome, ReloadOutcome::applied);
  EXPECT_THAT(report.sections, ElementsAre("routing"));
  EXPECT_EQ(source_reloads_, 1);
  EXPECT_EQ(work_started_, 1);
  EXPECT_EQ(reloader_.running()->routing, file_.routing);
}

TEST_F(ConfigReloaderTest, NothingChangedIsUnchangedAndBuildsNoWork) {
  sources_answer_.sources.unchanged = {"yahoo"};
  const ReloadReport report = reloader_.reload("SIGHUP");
  EXPECT_EQ(report.outcome, ReloadOutcome::unchanged);
  EXPECT_EQ(source_reloads_, 1) << "the plugin directories are rescanned all the same";
  EXPECT_EQ(work_started_, 0);
}

TEST_F(ConfigReloaderTest, ARefusedSourceMakesItPartial) {
  sources_answer_.sources.changed = {"binance"};
  sources_answer_.sources.refused = {
      SourceReport{{"yahoo", "yahoo", "{}", true}, "create() failed (invalid_config)"}};
  const ReloadReport report = reloader_.reload("SIGHUP");
  EXPECT_EQ(report.outcome, ReloadOutcome::partial);
  ASSERT_EQ(report.refused.size(), 1u);
  EXPECT_EQ(report.refused[0].source, "yahoo");
  EXPECT_EQ(report.to_json()["refused"][0]["reason"], "create() failed (invalid_config)");
}

TEST_F(ConfigReloaderTest, KeysThatNeedARestartAreNamedAndKeptAsTheyRun) {
  file_.database.url = "postgresql://elsewhere/pricefeed";
  const ReloadReport report = reloader_.reload("SIGHUP");
  EXPECT_THAT(report.restart_needed, ElementsAre("database.url"));
  EXPECT_THAT(report.sections, IsEmpty());
  EXPECT_EQ(reloader_.running()->database.url, Config{}.database.url);
}

}  // namespace
}  // namespace pricefeed::host
