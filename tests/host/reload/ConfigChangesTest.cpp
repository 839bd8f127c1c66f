#include "host/reload/ConfigChanges.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ConfigChanges, NamesTheSectionsAReloadAppliesAndTheKeysThatWaitForARestart) {
  const Config running;
  Config next;
  next.worker.batch_size = 20;
  next.quality.spike_threshold_pct = 40;
  next.database.pool_size = 9;
  next.http.listen = "0.0.0.0:9090";

  const ConfigChanges changes = compare_configs(running, next);
  EXPECT_THAT(changes.sections, ElementsAre("worker", "quality"));
  EXPECT_THAT(changes.restart_needed, ElementsAre("database.pool_size", "http.listen"));
  EXPECT_TRUE(changes.work_changed());
}

TEST(ConfigChanges, APluginsChangeAloneRebuildsNoWork) {
  const Config running;
  Config next;
  next.plugins.dirs = {"/opt/pricefeed/plugins"};
  const ConfigChanges changes = compare_configs(running, next);
  EXPECT_THAT(changes.sections, ElementsAre("plugins"));
  EXPECT_FALSE(changes.work_changed()) << "sources are updated one by one, not the worker";
}

TEST(ConfigChanges, AStreamChangeAppliesAtReloadAndRebuildsTheWork) {
  const Config running;
  Config next;
  next.stream.enabled = true;
  next.stream.min_interval_ms = 500;
  const ConfigChanges changes = compare_configs(running, next);
  EXPECT_THAT(changes.sections, ElementsAre("stream"));
  EXPECT_THAT(changes.restart_needed, IsEmpty());
  EXPECT_TRUE(changes.work_changed());
}

TEST(ConfigChanges, TheSameConfigurationChangesNothing) {
  const ConfigChanges changes = compare_configs(Config{}, Config{});
  EXPECT_THAT(changes.sections, IsEmpty());
  EXPECT_THAT(changes.restart_needed, IsEmpty());
}

TEST(ConfigChanges, TheHostRunsOnWithTheSettingsOnlyARestartApplies) {
  Config running;
  running.database.url = "postgresql:///before";
  Config next;
  next.database.url = "postgresql:///after";
  next.cluster.heartbeat_seconds = 3;
  next.worker.max_attempts = 7;

  const Config applied = with_restart_only_settings_of(running, next);
  EXPECT_EQ(applied.database.url, "postgresql:///before");
  EXPECT_EQ(applied.cluster.heartbeat_seconds, running.cluster.heartbeat_seconds);
  EXPECT_EQ(applied.worker.max_attempts, 7);
  EXPECT_THAT(compare_configs(applied, next).restart_needed,
              ElementsAre("database.url", "cluster.heartbeat_seconds"))
      << "and the next reload still names them";
}

}  // namespace
}  // namespace pricefeed::host
