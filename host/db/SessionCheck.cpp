#include "host/db/SessionCheck.hpp"

#include <unistd.h>

#include <iomanip>
#include <random>
#include <sstream>

#include <pqxx/nontransaction>
#include <pqxx/notification>

#include "host/db/Database.hpp"
#include "host/redaction/TextRedaction.hpp"

namespace pricefeed::host {
namespace {

// Unique among the processes that may check at once, on any host: pid and a random part.
std::string probe_channel() {
  std::random_device random;
  std::ostringstream channel;
  channel << "pricefeed_session_check_" << ::getpid() << '_' << std::hex << std::setw(8) << std::setfill('0')
          << random();
  return channel.str();
}

class ProbeReceiver : public pqxx::notification_receiver {
 public:
  ProbeReceiver(pqxx::connection_base& connection, const std::string& channel, bool& received)
      : pqxx::notification_receiver(connection, channel), received_(received) {}

  void operator()(const std::string&, int) override { received_ = true; }

 private:
  bool& received_;
};

bool backend_is_the_one_connected_to(pqxx::connection_base& connection) {
  pqxx::nontransaction query(connection, "session check: backend pid");
  return query.exec1("SELECT pg_backend_pid()")[0].as<int>() == connection.backendpid();
}

}  // namespace

bool keeps_its_session(pqxx::connection_base& connection, const std::string& url,
                       std::chrono::milliseconds wait) {
  if (backend_is_the_one_connected_to(connection)) return true;

  const std::string channel = probe_channel();
  bool received = false;
  ProbeReceiver receiver(connection, channel, received);  // issues LISTEN
  {
    const auto notifier = open_database_connection(url);
    pqxx::nontransaction notify(*notifier, "session check: notify");
    notify.exec_params("SELECT pg_notify($1, '')", channel);
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (!received) {
    const auto left =
        std::chrono::duration_cast<std::chrono::microseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    connection.await_notification(static_cast<long>(left.count() / 1'000'000),
                                  static_cast<long>(left.count() % 1'000'000));
  }
  return received;
}

void require_session(pqxx::connection_base& connection, const std::string& url, std::string_view needed_by) {
  if (keeps_its_session(connection, url)) return;
  throw DatabaseSessionError(redact_text(
      std::string(needed_by) + " needs a connection that keeps its session, and " + url +
      " does not (PgBouncer in transaction pooling mode?): set [database] session_url to a direct "
      "connection to PostgreSQL (docs/cluster.md \"Through PgBouncer\")"));
}

}  // namespace pricefeed::host
