#include "tests/host/events/support/StoredEvents.hpp"

#include <chrono>
#include <thread>

#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

namespace pricefeed::test {

nlohmann::json buy_event(const std::string& event_id, const std::string& user_id, const std::string& symbol,
                         const std::string& date, const std::string& quantity) {
  return nlohmann::json{{"event_id", event_id}, {"user_id", user_id},     {"type", "buy"},
                        {"symbol", symbol},     {"asset_class", "stock"}, {"date", date},
                        {"quantity", quantity}, {"price", "187.25"},      {"currency", "USD"}};
}

nlohmann::json sell_event(const std::string& event_id, const std::string& user_id, const std::string& symbol,
                          const std::string& date, const std::string& quantity) {
  nlohmann::json event = buy_event(event_id, user_id, symbol, date, quantity);
  event["type"] = "sell";
  return event;
}

void insert_event_row(pqxx::connection& connection, const std::string& event_id,
                      const std::string& payload_json) {
  pqxx::work tx(connection);
  tx.exec_params("INSERT INTO transaction_events (event_id, payload) VALUES ($1, $2::jsonb)", event_id,
                 payload_json);
  tx.commit();
}

std::optional<EventRow> read_event_row(pqxx::connection& connection, const std::string& event_id) {
  pqxx::nontransaction query(connection);
  const pqxx::result rows = query.exec_params(
      "SELECT processed_at IS NOT NULL, error FROM transaction_events WHERE event_id = $1", event_id);
  if (rows.empty()) return std::nullopt;
  EventRow row;
  row.processed = rows[0][0].as<bool>();
  if (!rows[0][1].is_null()) row.error = rows[0][1].as<std::string>();
  return row;
}

std::optional<EventRow> wait_until_processed(pqxx::connection& connection, const std::string& event_id,
                                             std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::optional<EventRow> row = read_event_row(connection, event_id);
  while ((!row || !row->processed) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
    row = read_event_row(connection, event_id);
  }
  return row;
}

std::string query_value(pqxx::connection& connection, const std::string& sql) {
  pqxx::nontransaction query(connection);
  const pqxx::result rows = query.exec(sql);
  if (rows.empty() || rows[0][0].is_null()) return "";
  return rows[0][0].as<std::string>();
}

}  // namespace pricefeed::test
