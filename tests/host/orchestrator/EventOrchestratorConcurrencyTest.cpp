// Exactly once across processes: two real processes sweep the same unprocessed events at the same
// time; every event is applied once (no holding counted twice), none is left out.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <thread>

#include "tests/host/events/support/StoredEvents.hpp"
#include "tests/support/CommandResult.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using test::query_value;

std::size_t handled_count(const test::CommandResult& result) {
  std::smatch match;
  static const std::regex handled("handled=([0-9]+)");
  if (!std::regex_search(result.out, match, handled)) return 0;
  return std::stoul(match[1]);
}

TEST(EventOrchestratorConcurrency, TwoProcessesNeverHandleOneEventTwice) {
  constexpr int kEvents = 300;
  test::TestDatabase db;
  auto connection = db.connect();
  // Three assets, so the processes contend both for event rows and for the asset rows they lock.
  const char* symbols[] = {"AAPL", "MSFT", "NVDA"};
  for (int i = 0; i < kEvents; ++i) {
    const std::string id = "e-" + std::to_string(i);
    test::insert_event_row(
        *connection, id,
        test::buy_event(id, "u-" + std::to_string(i), symbols[i % 3], "2026-01-15", "1").dump());
  }

  test::TemporaryDirectory directory;
  const std::filesystem::path go = directory.path() / "go";
  test::CommandResult first;
  test::CommandResult second;
  std::thread one([&] { first = test::run_command({EVENT_SWEEP_PROCESS, db.url(), go.string()}); });
  std::thread two([&] { second = test::run_command({EVENT_SWEEP_PROCESS, db.url(), go.string()}); });
  std::this_thread::sleep_for(std::chrono::milliseconds{200});  // both connected and waiting
  std::ofstream(go) << "go\n";
  one.join();
  two.join();

  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(second.exit_code, 0) << second.err;
  // How the work was shared varies from run to run; printed to show both took part.
  std::cout << "first process: " << first.out << "second process: " << second.out;
  EXPECT_EQ(handled_count(first) + handled_count(second), static_cast<std::size_t>(kEvents))
      << "first: " << first.out << "second: " << second.out;

  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM transaction_events WHERE processed_at IS NULL"),
            "0");
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM transaction_events WHERE error IS NOT NULL"), "0");
  // Applied twice, an event would make a holding 2.
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM asset_holders WHERE quantity = 1"),
            std::to_string(kEvents));
  EXPECT_EQ(query_value(*connection, "SELECT sum(tracking_users) FROM tracked_assets"),
            std::to_string(kEvents));
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM backfill_queue"), "3");
}

}  // namespace
}  // namespace pricefeed::host
