#include "host/inbox/UnprocessedEventSweep.hpp"

#include <string>
#include <vector>

#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include "host/log/Log.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"

namespace pricefeed::host {
namespace {

struct PagePosition {
  std::string received_at;  // timestamptz as text: exact to the microsecond, read back the same
  std::string event_id;
};

std::vector<PagePosition> next_page(pqxx::connection& connection, const PagePosition* after,
                                    std::size_t size) {
  pqxx::nontransaction query(connection, "sweep_page");
  const pqxx::result rows =
      after == nullptr
          ? query.exec_params(
                "SELECT received_at::text, event_id FROM transaction_events WHERE processed_at IS NULL "
                "ORDER BY received_at, event_id LIMIT $1",
                size)
          : query.exec_params(
                "SELECT received_at::text, event_id FROM transaction_events WHERE processed_at IS NULL "
                "AND (received_at, event_id) > ($2::timestamptz, $3) ORDER BY received_at, event_id LIMIT $1",
                size, after->received_at, after->event_id);
  std::vector<PagePosition> page;
  page.reserve(rows.size());
  for (const pqxx::row& row : rows)
    page.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  return page;
}

}  // namespace

SweepCounts sweep_unprocessed_events(pqxx::connection& connection, const EventOrchestrator& orchestrator,
                                     std::size_t page_size) {
  SweepCounts counts;
  std::vector<PagePosition> page = next_page(connection, nullptr, page_size);
  while (!page.empty()) {
    for (const PagePosition& row : page) {
      try {
        switch (orchestrator.handle(connection, row.event_id).result) {
          case EventHandlingOutcome::Result::handled:
            ++counts.handled;
            break;
          case EventHandlingOutcome::Result::rejected:
            ++counts.rejected;
            break;
          case EventHandlingOutcome::Result::held:
            ++counts.held;
            break;
          case EventHandlingOutcome::Result::skipped:
            ++counts.skipped;
            break;
        }
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const std::exception& error) {
        ++counts.failed;
        log_warn("event not handled; the next sweep retries it",
                 {{"event_id", row.event_id}, {"error", std::string(error.what())}});
      }
    }
    if (page.size() < page_size) break;
    page = next_page(connection, &page.back(), page_size);
  }
  // Sells that are still held are not news: they were logged when they were first held.
  if (counts.seen() > counts.held) {
    log_info("swept unprocessed events", {{"handled", counts.handled},
                                          {"rejected", counts.rejected},
                                          {"held", counts.held},
                                          {"skipped", counts.skipped},
                                          {"failed", counts.failed}});
  }
  return counts;
}

}  // namespace pricefeed::host
