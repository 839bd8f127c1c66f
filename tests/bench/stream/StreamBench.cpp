// Live streams at load: the real `pricefeed serve` streams N crypto symbols (default 1,000) from the
// sandbox's Binance WebSocket at F frames per second each (default 10), with [stream] min_interval_ms
// = 1000, into a real PostgreSQL. After every symbol has been written once, it measures for S seconds
// (default 20):
//   - the latency from the sandbox's send (the frame's E, which becomes latest_prices.ts to the
//     millisecond) to the row's write in latest_prices (clock_timestamp() in a trigger), p50 and p99;
//   - the host's CPU (user + system of the serve process, from /proc) as a share of one core;
//   - the database writes per second, against the throttle's bound (N per min_interval) in the same
//     run, and the frames received per second, against which the throttle spares the database.
// Goals (docs/benchmarks.md "Streams"): p99 <= 1 s, CPU < 10 % of one core, writes within the bound.
//
//   stream_bench [--symbols N] [--frames F] [--seconds S]   (tests/bench/run.sh stream_bench)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/bench/BenchOptions.hpp"
#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/e2e/ServeProcess.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::bench {
namespace {

using namespace std::chrono;
using json = nlohmann::json;

struct Options {
  int symbols = 1000;
  int frames = 10;
  int seconds = 20;
};

constexpr int kMinIntervalMs = 1000;

// CPU seconds (user + system) the process has used, from /proc/PID/stat.
double cpu_seconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command name, which is in parentheses and may hold spaces.
  std::istringstream rest(text.substr(text.rfind(')') + 2));
  std::string field;
  double user = 0, system = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) user = std::stod(field);
    if (i == 15) system = std::stod(field);
  }
  return (user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// N held crypto assets (SDX1...) whose Binance pairs (SDX1USDT...) the sandbox streams, each held by
// one user.
void hold(pqxx::connection& connection, int count) {
  pqxx::work tx(connection);
  tx.exec_params(
      "WITH coins AS (SELECT 'SDX' || n AS symbol FROM generate_series(1, $1) n), "
      "added AS (INSERT INTO assets (symbol, asset_class, source_ids) SELECT symbol, 'crypto', "
      "jsonb_build_object('binance', symbol || 'USDT') FROM coins RETURNING id) "
      "INSERT INTO tracked_assets (asset_id, tracking_users) SELECT id, 1 FROM added",
      count);
  tx.exec(
      "INSERT INTO asset_holders (user_id, asset_id, quantity, first_buy_date) "
      "SELECT 'user-' || asset_id, asset_id, 1, '2026-01-05' FROM tracked_assets");
  // The latency of every write, from the frame's send (ts, to the millisecond) to the row.
  tx.exec(
      "CREATE TABLE stream_latency (lag_ms double precision); "
      "CREATE FUNCTION note_stream_latency() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "INSERT INTO stream_latency VALUES (extract(epoch FROM clock_timestamp() - NEW.ts) * 1000); RETURN "
      "NEW; "
      "END $$; CREATE TRIGGER note_stream_latency AFTER INSERT OR UPDATE ON latest_prices FOR EACH ROW "
      "EXECUTE FUNCTION note_stream_latency()");
  tx.commit();
}

std::int64_t frames_sent(sandbox::SandboxProcess& sandbox) {
  return json::parse(sandbox.get("/__sandbox/binance/stream").body)
      .at("counters")
      .at("frames_sent")
      .get<std::int64_t>();
}

int run(const Options& options) {
  test::TestDatabase db;
  // The sandbox lists about 490 USDT pairs of real coins; the bench streams made-up ones, SDX1USDT...
  sandbox::SandboxProcess sandbox({"--binance-extra-pairs", std::to_string(options.symbols)});
  sandbox.post("/__sandbox/binance/stream", json{{"frames_per_second", options.frames}}.dump());
  {
    auto connection = db.connect();
    hold(*connection, options.symbols);
  }
  test::TemporaryDirectory dir;
  const unsigned short port = test::free_port();
  const std::string config =
      test::database_and_plugins_toml(db) + "[http]\nlisten = \"127.0.0.1:" + std::to_string(port) +
      "\"\n[daemon]\ninterval_minutes = 60\nexchanges_file = \"" + PRICEFEED_EXCHANGES_FILE +
      "\"\n[stream]\nenabled = true\nmin_interval_ms = " + std::to_string(kMinIntervalMs) +
      "\nrefresh_seconds = 5\n" + test::source_toml("binance", sandbox.base_url()) +
      "stream_url = \"ws://127.0.0.1:" + std::to_string(sandbox.port()) +
      "\"\n[routing]\ncrypto = [\"binance\"]\n";
  test::ServeProcess serve(dir.write_file("pricefeed.toml", config), dir.path() / "serve.log");
  test::wait_until_listening(serve, port);

  auto sql = db.connect();
  auto scalar = [&](const std::string& query) {
    pqxx::work tx(*sql);
    auto value = tx.exec1(query)[0].as<double>(0.0);
    tx.commit();
    return value;
  };
  const bool warm = test::wait_for(
      [&] { return scalar("SELECT count(*) FROM latest_prices") >= options.symbols; }, 120s, 200ms);
  if (!warm) {
    std::cerr << "stream_bench: not every symbol was streamed within 120 s:\n" << serve.log_tail(30);
    return 1;
  }

  scalar("WITH gone AS (DELETE FROM stream_latency RETURNING 1) SELECT count(*) FROM gone");
  const double cpu_before = cpu_seconds(serve.pid());
  const std::int64_t frames_before = frames_sent(sandbox);
  const auto started = steady_clock::now();
  std::this_thread::sleep_for(seconds(options.seconds));
  const double cpu = cpu_seconds(serve.pid()) - cpu_before;
  const double elapsed = duration<double>(steady_clock::now() - started).count();
  const double frames = static_cast<double>(frames_sent(sandbox) - frames_before);

  const double writes = scalar("SELECT count(*) FROM stream_latency");
  const double p50 = scalar("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_ms) FROM stream_latency");
  const double p99 =
      scalar("SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms) FROM stream_latency");
  const double bound = options.symbols * 1000.0 / kMinIntervalMs;

  std::printf("stream_bench: %d symbols x %d frames/s for %.1f s, [stream] min_interval_ms = %d\n",
              options.symbols, options.frames, elapsed, kMinIntervalMs);
  std::printf("  latency send -> latest_prices   p50 %.0f ms   p99 %.0f ms   (goal: p99 <= 1000 ms)\n", p50,
              p99);
  std::printf("  host CPU                         %.1f %% of one core   (goal: < 10 %%)\n",
              100.0 * cpu / elapsed);
  std::printf("  frames sent by the sandbox       %.0f /s\n", frames / elapsed);
  std::printf("  database writes                  %.0f /s   bound %.0f /s   ratio %.2f   (goal: <= 1.00)\n",
              writes / elapsed, bound, writes / elapsed / bound);
  std::printf("  writes per frame                 %.3f   (the throttle's saving: 1 / %.0f)\n",
              frames > 0 ? writes / frames : 0.0, frames > 0 ? frames / std::max(writes, 1.0) : 0.0);
  return 0;
}

}  // namespace
}  // namespace pricefeed::bench

int main(int argc, char** argv) {
  try {
    pricefeed::bench::Options options;
    pricefeed::bench::parse_positive_int_flags(
        argc, argv,
        {{"--symbols", &options.symbols}, {"--frames", &options.frames}, {"--seconds", &options.seconds}});
    return pricefeed::bench::run(options);
  } catch (const std::exception& e) {
    std::cerr << "stream_bench: " << e.what() << "\n";
    return 1;
  }
}
