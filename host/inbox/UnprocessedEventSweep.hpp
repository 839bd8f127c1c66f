#pragma once

// Handles every stored event still unprocessed, oldest first: events written while no host was
// listening (NOTIFY is not stored), and events whose handling failed for a reason that may pass.
//
// Runs at start-up and periodically (EventListener). Each event is handled in its own transaction by
// the orchestrator, which skips any row another process is handling, so sweeps in several processes
// at once are safe and share the work.

#include <cstddef>

#include <pqxx/connection>

namespace pricefeed::host {

class EventOrchestrator;

struct SweepCounts {
  std::size_t handled = 0;
  std::size_t rejected = 0;
  std::size_t held = 0;     // sells still larger than the holding; visited again by every sweep
  std::size_t skipped = 0;  // handled meanwhile, or held by another process
  std::size_t failed = 0;   // an error that may pass; left for the next sweep

  std::size_t seen() const { return handled + rejected + held + skipped + failed; }
};

// Goes through the unprocessed rows in pages of `page_size` (by received_at, event_id), each row once
// per sweep, so an event that keeps failing cannot hold the sweep in a loop. Throws
// pqxx::broken_connection when the connection is lost (the caller reconnects and sweeps again).
SweepCounts sweep_unprocessed_events(pqxx::connection& connection, const EventOrchestrator& orchestrator,
                                     std::size_t page_size = 100);

}  // namespace pricefeed::host
