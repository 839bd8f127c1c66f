// Backfill throughput: rows per second of the whole pipeline — the sandbox upstream, the real yahoo
// plugin behind the host's rate limiter and HTTP client, validation, COPY into staging and the upsert,
// the queue's claims and completions — against a raw COPY of the very same rows straight into
// asset_prices, measured in the same run on the same database. The ratio is the figure that matters
// (docs/benchmarks.md; goal >= 0.7): these machines are too noisy for absolute numbers.
//
//   backfill_bench [--symbols N] [--years Y] [--rounds R]
//
// Needs a PostgreSQL server for TestDatabase (tests/bench/run.sh starts one).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "host/cli/BackfillWorkerStack.hpp"
#include "host/cli/SourceRuntime.hpp"
#include "host/config/ConfigLoader.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/db/PriceStagingCopy.hpp"
#include "host/log/Log.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "tests/bench/BenchOptions.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int symbols = 40;
  int years = 10;
  int rounds = 3;
};

Options parse_options(int argc, char** argv) {
  Options options;
  parse_positive_int_flags(
      argc, argv,
      {{"--symbols", &options.symbols}, {"--years", &options.years}, {"--rounds", &options.rounds}});
  return options;
}

// Well-formed US tickers; the sandbox serves each its own random walk.
std::vector<std::string> symbols(int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    std::string symbol = "BN";
    for (int n = i; symbol.size() < 5; n /= 26)
      symbol += static_cast<char>('A' + n % 26);
    out.push_back(symbol);
  }
  return out;
}

std::string config_text(const std::string& database_url, const std::string& sandbox_url) {
  // The limiter stays in the path but never binds: the benchmark measures the pipeline, not Yahoo's pace.
  return "[database]\nurl = \"" + database_url + "\"\npool_size = 6\n[plugins]\ndirs = [\"" +
         PRICEFEED_PLUGIN_BUILD_DIR + "\"]\nenable_unconfigured = false\n[worker]\nbatch_size = 10\n" +
         "[sources.yahoo]\nbase_url = \"" + sandbox_url +
         "\"\nrequests_per_minute = 1000000\nburst = 1000\n[routing]\nstock = [\"yahoo\"]\n";
}

std::vector<std::int64_t> queue_jobs(pqxx::connection& connection, const std::vector<std::string>& names,
                                     int years) {
  const auto end = std::chrono::sys_days{std::chrono::year{2025} / 10 / 31};
  const auto start = std::chrono::sys_days{std::chrono::year{2025 - years} / 11 / 1};
  std::vector<std::int64_t> asset_ids;
  pqxx::work tx(connection);
  for (const auto& symbol : names) {
    const auto id = tx.exec_params1(
                          "INSERT INTO assets (symbol, name, asset_class) VALUES ($1, $1, 'stock') "
                          "ON CONFLICT (asset_class, symbol) DO UPDATE SET active = true RETURNING id",
                          symbol)[0]
                        .as<std::int64_t>();
    tx.exec_params(
        "INSERT INTO tracked_assets (asset_id, history_from) VALUES ($1, $2::date) "
        "ON CONFLICT (asset_id) DO NOTHING",
        id, "2015-01-01");
    host::BackfillQueue::enqueue(tx, id, start, end, host::Resolution::day, 5);
    asset_ids.push_back(id);
  }
  tx.commit();
  return asset_ids;
}

std::int64_t stored_rows(pqxx::connection& connection) {
  pqxx::work tx(connection);
  return tx.exec1("SELECT count(*) FROM asset_prices")[0].as<std::int64_t>();
}

double value_or_absent(const pqxx::field& field) {
  return field.is_null() ? host::kAbsent : field.as<double>();
}

// The rows the pipeline stored, by asset, to be written again by the baseline.
std::map<std::int64_t, std::vector<host::Bar>> read_back(pqxx::connection& connection) {
  std::map<std::int64_t, std::vector<host::Bar>> bars;
  pqxx::work tx(connection);
  for (const auto& row : tx.exec("SELECT asset_id, extract(epoch FROM ts)::bigint, open, high, low, close, "
                                 "adj_close, volume FROM asset_prices ORDER BY asset_id, ts")) {
    host::Bar bar;
    bar.ts = row[1].as<std::int64_t>();
    bar.open = value_or_absent(row[2]);
    bar.high = value_or_absent(row[3]);
    bar.low = value_or_absent(row[4]);
    bar.close = value_or_absent(row[5]);
    bar.adj_close = value_or_absent(row[6]);
    bar.volume = value_or_absent(row[7]);
    bars[row[0].as<std::int64_t>()].push_back(bar);
  }
  return bars;
}

void clear(pqxx::connection& connection, bool queue_too) {
  pqxx::work tx(connection);
  tx.exec("TRUNCATE asset_prices");  // keeps the yearly partitions the pipeline created
  // CASCADE: every table that names a job (price_gaps, asset_splits, ...) goes with the queue, so a
  // new reference to backfill_queue does not break the benchmark again.
  if (queue_too) tx.exec("TRUNCATE backfill_queue CASCADE");
  tx.commit();
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int run(const Options& options) {
  host::configure_logging(host::LogFormat::text, spdlog::level::warn);
  sandbox::SandboxProcess sandbox({"--seed", "11"});
  test::TestDatabase database;
  auto loaded = host::load_config_text(config_text(database.url(), sandbox.base_url()), "backfill_bench", "",
                                       host::Environment{});
  const host::Config& config = loaded.config;
  host::SourceRuntime sources(config);
  host::ConnectionPool pool(config.database.url, static_cast<std::size_t>(config.database.pool_size));
  host::BackfillWorkerStack stack(config, sources.registry(), pool, std::chrono::milliseconds(100));
  auto connection = database.connect();
  const auto names = symbols(options.symbols);
  std::atomic<bool> stop{false};

  std::printf("backfill: %d symbols x %d years of daily bars, %d rounds\n", options.symbols, options.years,
              options.rounds);
  std::printf("%-6s %10s %14s %14s %7s\n", "round", "rows", "pipeline r/s", "raw COPY r/s", "ratio");
  std::vector<double> ratios, pipeline_rates, raw_rates;
  for (int round = 1; round <= options.rounds; ++round) {
    clear(*connection, true);
    queue_jobs(*connection, names, options.years);

    const auto pipeline_start = Clock::now();
    const host::WorkerTally tally = stack.worker().drain(stop);
    const double pipeline_seconds = seconds_since(pipeline_start);
    if (tally.completed != names.size()) {
      throw std::runtime_error("only " + std::to_string(tally.completed) + " of " +
                               std::to_string(names.size()) + " jobs completed; see the log above");
    }
    const auto rows = stored_rows(*connection);

    const auto bars = read_back(*connection);
    clear(*connection, false);
    const auto raw_start = Clock::now();
    for (const auto& [asset_id, asset_bars] : bars) {
      pqxx::work tx(*connection);
      host::copy_bars_to_asset_prices(tx, asset_id, host::Resolution::day, "yahoo", asset_bars);
      tx.commit();
    }
    const double raw_seconds = seconds_since(raw_start);

    const double pipeline_rate = static_cast<double>(rows) / pipeline_seconds;
    const double raw_rate = static_cast<double>(rows) / raw_seconds;
    pipeline_rates.push_back(pipeline_rate);
    raw_rates.push_back(raw_rate);
    ratios.push_back(pipeline_rate / raw_rate);
    std::printf("%-6d %10lld %14.0f %14.0f %7.2f\n", round, static_cast<long long>(rows), pipeline_rate,
                raw_rate, ratios.back());
  }
  std::printf("median %10s %14.0f %14.0f %7.2f   (goal: ratio >= 0.70)\n", "", median(pipeline_rates),
              median(raw_rates), median(ratios));
  return 0;
}

}  // namespace
}  // namespace pricefeed::bench

int main(int argc, char** argv) {
  try {
    return pricefeed::bench::run(pricefeed::bench::parse_options(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "backfill_bench: " << e.what() << "\n";
    return 1;
  }
}
