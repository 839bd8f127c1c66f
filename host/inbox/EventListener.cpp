#include "host/inbox/EventListener.hpp"

#include <exception>
#include <vector>

#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/notification>

#include "host/db/Database.hpp"
#include "host/db/ErrorFirstLine.hpp"
#include "host/db/SessionCheck.hpp"
#include "host/inbox/UnprocessedEventSweep.hpp"
#include "host/log/Log.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"

namespace pricefeed::host {
namespace {

// How long one wait for a notification lasts: the bound on how late stop() is noticed.
constexpr long kWaitSliceMicroseconds = 200'000;

// Collects notified event_ids; they are handled after the wait returns, never inside libpqxx's
// notification dispatch, which must not run queries on its own connection.
class NotifiedEvents : public pqxx::notification_receiver {
 public:
  NotifiedEvents(pqxx::connection_base& connection, std::vector<std::string>& event_ids)
      : pqxx::notification_receiver(connection, kTransactionEventsChannel), event_ids_(event_ids) {}

  void operator()(const std::string& payload, int) override { event_ids_.push_back(payload); }

 private:
  std::vector<std::string>& event_ids_;
};

}  // namespace

EventListener::EventListener(std::string database_url, const EventOrchestrator& orchestrator,
                             Settings settings)
    : database_url_(std::move(database_url)), orchestrator_(orchestrator), settings_(settings) {}

EventListener::EventListener(std::string database_url, const EventOrchestrator& orchestrator)
    : EventListener(std::move(database_url), orchestrator, Settings{}) {}

EventListener::~EventListener() {
  stop();
}

void EventListener::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void EventListener::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

bool EventListener::wait_until_listening(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [this] { return listening_.load() || stopping_.load(); });
  return listening_.load();
}

void EventListener::set_listening(bool value) {
  {
    std::lock_guard lock(mutex_);
    listening_ = value;
  }
  changed_.notify_all();
}

bool EventListener::pause(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, delay, [this] { return stopping_.load(); });
  return !stopping_.load();
}

void EventListener::run() {
  ReconnectBackoff backoff(settings_.reconnect);
  while (!stopping_) {
    try {
      listen_until_stopped_or_broken([&backoff] { backoff.reset(); });
    } catch (const std::exception& error) {
      set_listening(false);
      const auto delay = backoff.next_delay();
      log_warn("event listener lost the database; reconnecting",
               {{"error", first_line(error.what())},
                {"attempt", static_cast<std::int64_t>(backoff.failures())},
                {"retry_in_ms", static_cast<std::int64_t>(delay.count())}});
      if (!pause(delay)) break;
    }
  }
  set_listening(false);
}

void EventListener::listen_until_stopped_or_broken(const std::function<void()>& on_listening) {
  const auto connection = open_database_connection(database_url_);
  std::vector<std::string> notified;
  NotifiedEvents receiver(*connection, notified);  // issues LISTEN
  // libpqxx 6 sends LISTEN lazily on some paths; a round trip makes sure it is in effect before the
  // sweep, so no event can slip between the two.
  connection->get_notifs();
  // Checked on every connect, not only when serve starts: the database may have been unreachable then.
  // Through a transaction pooler LISTEN stays behind on a server connection; only the sweep is left.
  if (!keeps_its_session(*connection, database_url_)) {
    log_error(
        "the event listener's connection does not keep its session (PgBouncer in transaction pooling "
        "mode?): no notification reaches it, so events written straight into transaction_events wait for "
        "the sweep; set [database] session_url to a direct connection to PostgreSQL (docs/cluster.md "
        "\"Through PgBouncer\")",
        {{"sweep_interval_seconds",
          static_cast<std::int64_t>(
              std::chrono::duration_cast<std::chrono::seconds>(settings_.sweep_interval).count())}});
  }

  auto counted = [this](const SweepCounts& counts) { events_handled_ += counts.handled + counts.rejected; };
  counted(sweep_unprocessed_events(*connection, orchestrator_));
  set_listening(true);
  on_listening();
  log_info("listening for transaction events", {{"channel", kTransactionEventsChannel}});

  auto last_sweep = std::chrono::steady_clock::now();
  while (!stopping_) {
    connection->await_notification(0, kWaitSliceMicroseconds);
    std::vector<std::string> event_ids;
    event_ids.swap(notified);
    for (const std::string& event_id : event_ids) {
      try {
        const auto result = orchestrator_.handle(*connection, event_id).result;
        if (result != EventHandlingOutcome::Result::skipped) ++events_handled_;
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const std::exception& error) {
        log_warn("notified event not handled; the next sweep retries it",
                 {{"event_id", event_id}, {"error", first_line(error.what())}});
      }
    }
    if (std::chrono::steady_clock::now() - last_sweep >= settings_.sweep_interval) {
      counted(sweep_unprocessed_events(*connection, orchestrator_));
      last_sweep = std::chrono::steady_clock::now();
    }
  }
}

}  // namespace pricefeed::host
