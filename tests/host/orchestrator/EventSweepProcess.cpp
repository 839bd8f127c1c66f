// A separate process that handles every unprocessed event of a database, as one `pricefeed` would on
// start-up: the helper of EventOrchestratorConcurrencyTest, which runs two of it at once.
//
//   event_sweep_process DATABASE_URL GO_FILE
//
// Waits until GO_FILE exists (so both processes start together), sweeps until no unprocessed row is
// left, and prints "handled=N skipped=M".

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "host/db/Database.hpp"
#include "host/inbox/UnprocessedEventSweep.hpp"
#include "host/log/Log.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"
#include "tests/host/events/support/StoredEvents.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: event_sweep_process DATABASE_URL GO_FILE\n";
    return 2;
  }
  // Standard output carries only the counts; warnings and errors still reach standard error.
  pricefeed::host::configure_logging(pricefeed::host::LogFormat::text, spdlog::level::warn);
  try {
    auto connection = pricefeed::host::open_database_connection(argv[1]);
    const pricefeed::host::EventOrchestrator orchestrator({}, pricefeed::test::test_today);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30};
    while (!std::filesystem::exists(argv[2])) {
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("no go file");
      std::this_thread::sleep_for(std::chrono::milliseconds{2});
    }
    std::size_t handled = 0;
    std::size_t skipped = 0;
    // Rows skipped because the other process held them are either done by it or retried here.
    while (pricefeed::test::query_value(
               *connection, "SELECT count(*) FROM transaction_events WHERE processed_at IS NULL") != "0") {
      const auto counts = pricefeed::host::sweep_unprocessed_events(*connection, orchestrator, 10);
      handled += counts.handled + counts.rejected;
      skipped += counts.skipped;
      if (counts.failed > 0) throw std::runtime_error("an event failed");
    }
    std::cout << "handled=" << handled << " skipped=" << skipped << std::endl;
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "event_sweep_process: " << error.what() << "\n";
    return 1;
  }
}
