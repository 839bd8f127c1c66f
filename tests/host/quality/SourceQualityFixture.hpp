// What the anomaly and divergence tests share: a fresh migrated database, the sandbox with the real
// yahoo, binance and coingecko plugins pointed at it (crypto routed binance -> coingecko, stocks to
// yahoo alone), and a way to store daily closes as a source would have.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "host/cli/SourceRuntime.hpp"
#include "host/config/ConfigLoader.hpp"
#include "host/time/CalendarDate.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host::quality_test {

using namespace std::chrono;

inline sys_days today() {
  return floor<days>(system_clock::now());
}

class SourceQualityTest : public ::testing::Test {
 protected:
  // The test database holds the sources' shared rate limits too (limit_scope's default, "cluster").
  static std::string config_text(const std::string& sandbox, const std::string& database_url) {
    std::string text = "[database]\nurl = \"" + database_url + "\"\n[plugins]\ndirs = [\"" + std::string(PRICEFEED_PLUGIN_BUILD_DIR) +
                       "\"]\nenable_unconfigured = false\n[routing]\nstock = [\"yahoo\"]\n"
                       "crypto = [\"binance\", \"coingecko\"]\n";
    const std::pair<const char*, std::string> sources[] = {
        {"yahoo", sandbox}, {"binance", sandbox}, {"coingecko", sandbox + "/api/v3"}};
    for (const auto& [name, url] : sources) {
      text += std::string("[sources.") + name + "]\nbase_url = \"" + url +
              "\"\nrequests_per_minute = 6000\nburst = 100\n";
    }
    return text;
  }

  test::TestDatabase database;
  std::unique_ptr<pqxx::connection> sql = database.connect();
  sandbox::SandboxProcess sandbox;
  LoadedConfig loaded =
      load_config_text(config_text(sandbox.base_url(), database.url()), "source_quality_test", "", Environment{});
  Config& config = loaded.config;
  SourceRuntime sources{config};

  std::int64_t insert_asset(const std::string& symbol, const std::string& asset_class) {
    pqxx::work tx(*sql);
    const auto id = tx.exec_params("INSERT INTO assets (symbol, asset_class) VALUES ($1, $2) RETURNING id",
                                   symbol, asset_class)[0][0]
                        .as<std::int64_t>();
    tx.exec_params("INSERT INTO tracked_assets (asset_id, tracking_users) VALUES ($1, 1)", id);
    tx.commit();
    return id;
  }

  // Stores closes by date as `source` gave them.
  void store(std::int64_t asset_id, const std::map<sys_days, double>& closes, const std::string& source) {
    pqxx::work tx(*sql);
    for (const auto& [day, close] : closes) {
      tx.exec_params("SELECT pricefeed_ensure_price_partition($1)", int(year_month_day(day).year()));
      tx.exec_params(
          "INSERT INTO asset_prices (asset_id, resolution, ts, close, source) "
          "VALUES ($1, '1d', $2::date::timestamp AT TIME ZONE 'UTC', $3, $4)",
          asset_id, format_iso_date(day), close, source);
    }
    tx.commit();
  }

  // The sandbox's closes of an instrument (BTC-USDT, AAPL) for [from, to], by date.
  std::map<sys_days, double> truth(const std::string& instrument, sys_days from, sys_days to) {
    auto answer = sandbox.get("/__sandbox/truth/" + instrument + "?from=" + format_iso_date(from) +
                              "&to=" + format_iso_date(to));
    EXPECT_EQ(answer.status, 200u) << answer.body;
    std::map<sys_days, double> out;
    const auto body = nlohmann::json::parse(answer.body);  // kept alive for the loop below
    for (const auto& bar : body.at("bars"))
      out[parse_iso_date(bar.at("date").get<std::string>())] = bar.at("close").get<double>();
    EXPECT_FALSE(out.empty()) << instrument << ": " << answer.body;
    return out;
  }

  // The stored daily closes of an asset, for failure messages.
  std::string stored_text(std::int64_t asset_id) {
    pqxx::work tx(*sql);
    std::string out;
    for (const auto& row :
         tx.exec_params("SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), close, source "
                        "FROM asset_prices WHERE asset_id = $1 ORDER BY ts",
                        asset_id)) {
      out +=
          row[0].as<std::string>() + " " + row[1].as<std::string>() + " " + row[2].as<std::string>() + "\n";
    }
    return out;
  }

  // How many requests the sandbox has answered for a route family's routes.
  int requests(const std::string& route_prefix) {
    int total = 0;
    const auto stats = nlohmann::json::parse(sandbox.stats());
    for (const auto& [route, counts] : stats.at("routes").items()) {
      if (route.rfind(route_prefix, 0) == 0) total += counts.at("requests").get<int>();
    }
    return total;
  }
};

}  // namespace pricefeed::host::quality_test
