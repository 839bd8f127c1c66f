#pragma once

// Helpers for tests of event handling: event bodies, rows of transaction_events, and reading back what
// the orchestrator wrote.

#include <optional>
#include <string>

#include <date/date.h>
#include <nlohmann/json.hpp>
#include <pqxx/connection>

namespace pricefeed::test {

// The "today" every event test runs on, so dates in expectations are fixed.
inline constexpr date::sys_days kTestToday = date::sys_days{date::year{2026} / 3 / 2};
inline date::sys_days test_today() {
  return kTestToday;
}

// A valid buy event body; change members to make others.
nlohmann::json buy_event(const std::string& event_id, const std::string& user_id = "u-1",
                         const std::string& symbol = "AAPL", const std::string& date = "2026-01-15",
                         const std::string& quantity = "10");
nlohmann::json sell_event(const std::string& event_id, const std::string& user_id, const std::string& symbol,
                          const std::string& date, const std::string& quantity);

// INSERT INTO transaction_events, as another application would (the trigger NOTIFYs on commit).
void insert_event_row(pqxx::connection& connection, const std::string& event_id,
                      const std::string& payload_json);

struct EventRow {
  bool processed = false;
  std::optional<std::string> error;
};
std::optional<EventRow> read_event_row(pqxx::connection& connection, const std::string& event_id);

// Polls until the row is processed or the timeout passes; returns the last state read.
std::optional<EventRow> wait_until_processed(pqxx::connection& connection, const std::string& event_id,
                                             std::chrono::milliseconds timeout = std::chrono::seconds{15});

// A single value from a query ("" for NULL), for short assertions.
std::string query_value(pqxx::connection& connection, const std::string& sql);

}  // namespace pricefeed::test
