// What the history-quality tests share: a fresh migrated database, the shipped trading calendars,
// and a way to store daily bars for chosen days, so each test says only which days exist.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/config/Config.hpp"
#include "host/quality/GapFinder.hpp"
#include "host/time/CalendarDate.hpp"
#include "tests/host/calendar/CalendarTestTimes.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host::quality_test {

using namespace std::chrono;

inline sys_days day(const char* iso) {
  return parse_iso_date(iso);
}

class StoredHistoryTest : public ::testing::Test {
 protected:
  test::TestDatabase database;
  std::unique_ptr<pqxx::connection> sql = database.connect();
  QualityConfig quality;
  RoutingConfig routing;
  GapFinder finder{calendar_test::shipped_calendars(), quality};

  std::int64_t insert_asset(const std::string& symbol, const std::string& asset_class,
                            const std::string& exchange = "") {
    pqxx::work tx(*sql);
    const auto id =
        tx.exec_params(
              "INSERT INTO assets (symbol, asset_class, exchange) VALUES ($1, $2, NULLIF($3, '')) "
              "RETURNING id",
              symbol, asset_class, exchange)[0][0]
            .as<std::int64_t>();
    tx.exec_params("INSERT INTO tracked_assets (asset_id, tracking_users) VALUES ($1, 1)", id);
    tx.commit();
    return id;
  }

  // Stores a bar (close = 100 + day of month) for every day of [first, last] that `keep` accepts.
  void store(std::int64_t asset_id, sys_days first, sys_days last, const std::string& source,
             const std::function<bool(sys_days)>& keep) {
    pqxx::work tx(*sql);
    for (int year = int(year_month_day(first).year()); year <= int(year_month_day(last).year()); ++year) {
      tx.exec_params("SELECT pricefeed_ensure_price_partition($1)", year);
    }
    for (sys_days d = first; d <= last; d += days(1)) {
      if (!keep(d)) continue;
      tx.exec_params(
          "INSERT INTO asset_prices (asset_id, resolution, ts, close, source) "
          "VALUES ($1, '1d', ($2::date)::timestamp AT TIME ZONE 'UTC', $3, $4) "
          "ON CONFLICT (asset_id, resolution, ts) DO UPDATE SET close = EXCLUDED.close, source = "
          "EXCLUDED.source",
          asset_id, format_iso_date(d), 100.0 + unsigned(year_month_day(d).day()), source);
    }
    tx.commit();
  }

  // Every trading day of the calendar the asset is judged by, except `missing`.
  void store_trading_days(std::int64_t asset_id, const std::string& asset_class, const std::string& exchange,
                          sys_days first, sys_days last, const std::string& source,
                          std::vector<sys_days> missing = {}) {
    const ExchangeCalendar& calendar = finder.calendar_for(require_asset_class(asset_class), exchange);
    store(asset_id, first, last, source, [&](sys_days d) {
      return calendar.is_trading_day(year_month_day(d)) &&
             std::find(missing.begin(), missing.end(), d) == missing.end();
    });
  }

  struct GapRow {
    std::int64_t id = 0;
    std::string start_date;
    std::string end_date;
    std::string status;
    std::string reason;
    std::optional<std::int64_t> job_id;
  };

  std::vector<GapRow> gaps(std::int64_t asset_id) {
    pqxx::read_transaction tx(*sql);
    std::vector<GapRow> rows;
    for (const auto& row : tx.exec_params(
             "SELECT id, start_date::text, end_date::text, status, coalesce(reason, ''), backfill_job_id "
             "FROM price_gaps WHERE asset_id = $1 ORDER BY start_date",
             asset_id)) {
      rows.push_back({row[0].as<std::int64_t>(), row[1].c_str(), row[2].c_str(), row[3].c_str(),
                      row[4].c_str(),
                      row[5].is_null() ? std::nullopt : std::optional(row[5].as<std::int64_t>())});
    }
    return rows;
  }

  std::int64_t count(const std::string& sql_text) {
    pqxx::read_transaction tx(*sql);
    return tx.exec(sql_text)[0][0].as<std::int64_t>();
  }

  void exec(const std::string& sql_text) {
    pqxx::work tx(*sql);
    tx.exec(sql_text);
    tx.commit();
  }
};

}  // namespace pricefeed::host::quality_test
