// What the end-to-end tests share: the start of their config files, reading the database, and the
// sandbox's truth, so that each test file says only what its scenario is.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {

// The UTC date `days` before today, YYYY-MM-DD: event dates and truth ranges relative to the run.
inline std::string iso_days_ago(int days) {
  using namespace std::chrono;
  const year_month_day date{floor<std::chrono::days>(system_clock::now()) - std::chrono::days{days}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// Waits until `done` holds or `limit` has passed; says whether it holds.
template <typename Condition>
bool wait_for(Condition done, std::chrono::milliseconds limit,
              std::chrono::milliseconds step = std::chrono::milliseconds(250)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(step);
  }
  return true;
}

// Stock symbols the sandbox serves as made-up companies, one per buy: CXAA, CXAB, ...
inline std::vector<std::string> stock_symbols(int count) {
  std::vector<std::string> symbols;
  for (int i = 0; i < count; ++i)
    symbols.push_back(std::string("CX") + static_cast<char>('A' + i / 26) + static_cast<char>('A' + i % 26));
  return symbols;
}

// The buy event of `symbol` by user u-1 three days ago, its event id "buy-<symbol>": one per symbol.
inline std::string buy_event(const std::string& symbol, const std::string& asset_class = "stock") {
  return R"({"event_id":"buy-)" + symbol + R"(","user_id":"u-1","type":"buy","symbol":")" + symbol +
         R"(","asset_class":")" + asset_class + R"(","date":")" + iso_days_ago(3) +
         R"(","quantity":"10","price":"100","currency":"USD"})";
}

// [database] at `db` (plus `database_keys`, whole lines), [plugins] at the build's plugins, nothing
// unconfigured loaded.
inline std::string database_and_plugins_toml(const TestDatabase& db, const std::string& database_keys = "") {
  return "[database]\nurl = \"" + db.url() + "\"\n" + database_keys + "[plugins]\ndirs = [\"" +
         std::string(PRICEFEED_PLUGIN_BUILD_DIR) + "\"]\nenable_unconfigured = false\n";
}

// One [sources.NAME] table; limits high enough never to bind unless a test wants them to.
inline std::string source_toml(const std::string& name, const std::string& base_url,
                               int requests_per_minute = 6000, int burst = 50) {
  return "[sources." + name + "]\nbase_url = \"" + base_url +
         "\"\nrequests_per_minute = " + std::to_string(requests_per_minute) +
         "\nburst = " + std::to_string(burst) + "\n";
}

// Runs `sql` in a transaction of its own that is not committed: for reading.
inline pqxx::result query(const TestDatabase& db, const std::string& sql) {
  auto connection = db.connect();
  pqxx::work tx(*connection);
  return tx.exec(sql);
}

// An asset held by `user`, as the orchestrator leaves it after a buy: the asset (on `exchange`, empty
// for none), tracked, with its holder and cost. Returns its id.
inline std::int64_t hold_asset(const TestDatabase& db, const std::string& user, const std::string& symbol,
                               const std::string& asset_class, const std::string& exchange,
                               const std::string& quantity, const std::string& cost,
                               const std::string& cost_currency) {
  auto c = db.connect();
  pqxx::work tx(*c);
  const auto id = tx.exec_params1(
                        "INSERT INTO assets (symbol, asset_class, exchange) VALUES ($1, $2, NULLIF($3, '')) "
                        "ON CONFLICT (asset_class, symbol) DO UPDATE SET active = true RETURNING id",
                        symbol, asset_class, exchange)[0]
                      .as<std::int64_t>();
  tx.exec_params(
      "INSERT INTO tracked_assets (asset_id, tracking_users) VALUES ($1, 1) "
      "ON CONFLICT (asset_id) DO UPDATE SET tracking_users = tracked_assets.tracking_users + 1",
      id);
  tx.exec_params(
      "INSERT INTO asset_holders (user_id, asset_id, quantity, first_buy_date) VALUES ($1, $2, "
      "$3::numeric, '2026-01-05')",
      user, id, quantity);
  tx.exec_params(
      "INSERT INTO holding_costs (user_id, asset_id, currency, amount) VALUES ($1, $2, $3, $4::numeric)",
      user, id, cost_currency, cost);
  tx.commit();
  return id;
}

// The sandbox's daily closes of a Yahoo-style instrument (AAPL, BTC-USDT, EURUSD=X), by ISO date.
inline std::map<std::string, double> truth_closes(sandbox::SandboxProcess& sandbox,
                                                  const std::string& instrument, const std::string& from,
                                                  const std::string& to) {
  auto answer = sandbox.get("/__sandbox/truth/" + instrument + "?from=" + from + "&to=" + to);
  if (answer.status != 200) throw std::runtime_error("truth of " + instrument + ": " + answer.body);
  const auto json = nlohmann::json::parse(answer.body);
  const auto& bars = json.is_array() ? json : json.at("bars");
  std::map<std::string, double> closes;
  for (const auto& bar : bars)
    closes[bar.at("date").get<std::string>()] = bar.at("close").get<double>();
  return closes;
}

}  // namespace pricefeed::test
