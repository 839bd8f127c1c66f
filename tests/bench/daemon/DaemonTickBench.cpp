// Daemon tick time: one tick of Mode 2 for N tracked assets (default 10,000: stocks, every coin
// Binance lists, the commodities and currencies of the catalog) held by 1,000 users, against the
// sandbox; everything due (trading_hours_only off), limits set so that they never bind. Prints the
// tick's wall time, the share of it spent inside the rate limiters (goal: <= 2 s and < 1%), and the
// ratio against a baseline measured in the same run: a tick in which nothing is due (loading,
// calendars, forex pairs, valuation), so the difference is what quoting costs.
//
//   daemon_bench [--assets N] [--rounds R]      (tests/bench/run.sh daemon_bench starts a PostgreSQL)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/calendar/ExchangesFile.hpp"
#include "host/catalog/CatalogSeeder.hpp"
#include "host/cli/SourceRuntime.hpp"
#include "host/config/ConfigLoader.hpp"
#include "host/daemon/DaemonTick.hpp"
#include "host/log/Log.hpp"
#include "tests/bench/BenchOptions.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::bench {
namespace {

using namespace std::chrono;

struct Options {
  int assets = 10'000;
  int rounds = 3;
};

Options parse_options(int argc, char** argv) {
  Options options;
  parse_positive_int_flags(argc, argv, {{"--assets", &options.assets}, {"--rounds", &options.rounds}});
  return options;
}

std::string config_text(const std::string& database_url, const std::string& sandbox,
                        bool trading_hours_only) {
  std::string text =
      "[database]\nurl = \"" + database_url + "\"\n[plugins]\ndirs = [\"" + PRICEFEED_PLUGIN_BUILD_DIR +
      "\"]\nenable_unconfigured = false\n[daemon]\nexchanges_file = \"" + PRICEFEED_EXCHANGES_FILE +
      "\"\ntrading_hours_only = " + (trading_hours_only ? "true" : "false") + "\n";
  const std::pair<const char*, std::string> sources[] = {{"yahoo", sandbox},
                                                         {"binance", sandbox},
                                                         {"coingecko", sandbox + "/api/v3"},
                                                         {"forex", sandbox + "/v1"},
                                                         {"commodities", sandbox}};
  for (const auto& [name, url] : sources) {
    text += std::string("[sources.") + name + "]\nbase_url = \"" + url +
            "\"\nrequests_per_minute = 1000000\nburst = 100000\n";
    if (std::string(name) == "yahoo") text += "symbol_directory_url = \"" + sandbox + "/dynamic/SymDir\"\n";
  }
  return text;
}

// Tracks every catalog crypto, commodity and currency pair, then stocks up to `count`; 1,000 users
// hold ten assets each.
void track(pqxx::connection& connection, int count) {
  pqxx::work tx(connection);
  tx.exec_params(
      "WITH chosen AS (SELECT id FROM assets ORDER BY CASE asset_class WHEN 'stock' THEN 1 ELSE 0 END, id "
      "LIMIT $1) INSERT INTO tracked_assets (asset_id, tracking_users) SELECT id, 1 FROM chosen",
      count);
  tx.exec(
      "INSERT INTO asset_holders (user_id, asset_id, quantity, first_buy_date) "
      "SELECT 'user-' || (n % 1000), t.asset_id, 10, '2026-01-05' FROM "
      "(SELECT asset_id, row_number() OVER (ORDER BY asset_id) AS n FROM tracked_assets) t "
      "ON CONFLICT DO NOTHING");
  tx.commit();
}

double limiter_seconds(const host::SourceRuntime& sources) {
  double total = 0;
  for (const auto& [name, limiter] : sources.limiters())
    total += duration<double>(limiter->state().time_in_acquire).count();
  return total;
}

int run(const Options& options) {
  host::configure_logging(host::LogFormat::text, spdlog::level::err);
  sandbox::SandboxProcess sandbox({"--seed", "5"});
  test::TestDatabase database;
  auto connection = database.connect();
  const auto all_due = host::load_config_text(config_text(database.url(), sandbox.base_url(), false),
                                              "daemon_bench", "", host::Environment{});
  // The baseline's configuration: trading hours on, so that on a Saturday nothing priced is due.
  const auto hours_on = host::load_config_text(config_text(database.url(), sandbox.base_url(), true),
                                               "daemon_bench", "", host::Environment{});
  const host::Config& config = all_due.config;
  const auto calendars = host::load_exchange_calendars(locate_exchanges_file(config).path);
  host::SourceRuntime sources(config);

  const auto seeded = host::CatalogSeeder(sources.registry(), config.routing).seed(*connection);
  track(*connection, options.assets);
  const sys_seconds at = sys_days{year{2026} / 11 / 24} + hours{15};

  std::printf("daemon tick: %d tracked assets, %zu catalog listings, %d rounds\n", options.assets,
              seeded.written.inserted, options.rounds);
  std::printf("%-6s %8s %10s %10s %12s %12s %8s\n", "round", "quoted", "tick s", "limiter", "limiter %",
              "baseline s", "ratio");
  std::vector<double> ticks, shares, ratios;
  for (int round = 1; round <= options.rounds; ++round) {
    const double limiter_before = limiter_seconds(sources);
    // Each round is a tick of its own: a tick's assets are claimed once (QuoteClaims), so a second
    // run at the same boundary would quote nothing.
    host::DaemonTick tick(config, sources.registry(), calendars, "daemon_bench");
    const auto report = tick.run(*connection, at + minutes{config.daemon.interval_minutes} * (round - 1));
    const double tick_seconds = duration<double>(report.duration).count();
    const double limiter = limiter_seconds(sources) - limiter_before;

    // Nothing due: every latest price is newer than any close and the stock markets are shut
    // (Saturday); crypto, always due, is left out of this baseline by marking it inactive for a moment.
    {
      pqxx::work tx(*connection);
      tx.exec("UPDATE latest_prices SET updated_at = '2026-11-28T15:00:00Z'");
      tx.exec("UPDATE assets SET active = false WHERE asset_class = 'crypto'");
      tx.commit();
    }
    host::DaemonTick idle(hours_on.config, sources.registry(), calendars, "daemon_bench");
    const auto baseline = idle.run(*connection, sys_days{year{2026} / 11 / 28} + hours{15});
    {
      pqxx::work tx(*connection);
      tx.exec("UPDATE assets SET active = true WHERE asset_class = 'crypto'");
      tx.commit();
    }
    const double baseline_seconds = duration<double>(baseline.duration).count();
    ticks.push_back(tick_seconds);
    shares.push_back(100 * limiter / tick_seconds);
    ratios.push_back(tick_seconds / baseline_seconds);
    std::printf("%-6d %8zu %10.3f %10.4f %11.3f%% %12.3f %8.1f\n", round, report.written, tick_seconds,
                limiter, shares.back(), baseline_seconds, ratios.back());
    if (report.written + report.unquoted.size() != report.due || report.due != report.tracked) {
      std::printf("       (due %zu, unquoted %zu, refused %zu)\n", report.due, report.unquoted.size(),
                  report.refused.size());
    }
  }
  std::printf("median %8s %10.3f %10s %11.3f%% %12s %8.1f   (goal: tick <= 2 s, limiter < 1%%)\n", "",
              median(ticks), "", median(shares), "", median(ratios));
  return 0;
}

}  // namespace
}  // namespace pricefeed::bench

int main(int argc, char** argv) {
  try {
    return pricefeed::bench::run(pricefeed::bench::parse_options(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "daemon_bench: " << e.what() << "\n";
    return 1;
  }
}
