#pragma once

// Handles events that other applications write straight into transaction_events (docs/events.md "Rows written
// straight into the table"). On a connection of its own it LISTENs on the channel the insert trigger notifies
// (`transaction_events`, payload = event_id; sql/001_initial_schema.sql) and hands each notified event to the
// orchestrator. Notifications are not stored, so it also sweeps the unprocessed rows:
//
//   - right after LISTEN succeeds, at start and after every reconnect: events written while no host was
//     listening (the host was down, the connection was lost) are handled then;
//   - every sweep_interval: events whose handling failed for a reason that may pass.
//
// LISTEN comes before the sweep, so an event inserted between the two is seen by one or the other
// (or both: the orchestrator handles it once). When the database is unreachable it retries after a
// ReconnectBackoff wait (0.5 s doubling to 30 s by default) and logs each failure; it never gives up
// while running. LISTEN needs a session of its own: on a connection that does not keep one (PgBouncer
// in transaction pooling mode, see keeps_its_session) it logs an error on every connect and goes on
// with the sweep alone.
//
//   EventListener listener(config.database.session_connection_url(), orchestrator);
//   listener.start();   // returns at once; works on its own thread
//   ...
//   listener.stop();    // within about 200 ms; also done by the destructor

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "host/db/ReconnectBackoff.hpp"

namespace pricefeed::host {

class EventOrchestrator;

// The channel of sql/001_initial_schema.sql's trigger.
inline constexpr const char* kTransactionEventsChannel = "transaction_events";

class EventListener {
 public:
  struct Settings {
    std::chrono::milliseconds sweep_interval{std::chrono::seconds{60}};
    ReconnectBackoffSettings reconnect{};
  };

  // `orchestrator` must outlive the listener.
  EventListener(std::string database_url, const EventOrchestrator& orchestrator, Settings settings);
  EventListener(std::string database_url, const EventOrchestrator& orchestrator);
  ~EventListener();
  EventListener(const EventListener&) = delete;
  EventListener& operator=(const EventListener&) = delete;

  // Starts the listening thread; a second call does nothing.
  void start();
  // Stops and joins the thread: an event being handled is finished first. Idempotent.
  void stop();

  // True once LISTEN is in effect and the first sweep after it is done; false while reconnecting.
  bool listening() const { return listening_.load(); }
  // Waits until listening() or the timeout; returns listening().
  bool wait_until_listening(std::chrono::milliseconds timeout) const;
  // Events this listener handled or refused (swept or notified), for health reports and tests.
  std::size_t events_handled() const { return events_handled_.load(); }

 private:
  void run();
  // Calls `on_listening` once LISTEN is in effect and the first sweep is done (the outage is over).
  void listen_until_stopped_or_broken(const std::function<void()>& on_listening);
  void set_listening(bool value);
  // Sleeps up to `delay`, waking at once on stop(); returns false when stopping.
  bool pause(std::chrono::milliseconds delay);

  std::string database_url_;
  const EventOrchestrator& orchestrator_;
  Settings settings_;

  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> listening_{false};
  std::atomic<std::size_t> events_handled_{0};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
};

}  // namespace pricefeed::host
