// Queue throughput: no-op jobs per second through the real BackfillQueue, with 1, 2 and 3 worker
// processes, against pgbench sending the very same claim and complete statements
// (BackfillQueue::claim_statement and complete_statement, written into pgbench's script) with as many
// clients, each run on an equally filled queue of the same database, in the same run. A worker
// process loops claim(one job) then complete(job, "noop") until a claim finds nothing; a pgbench
// client runs the two statements in a loop, the jobs divided evenly among the clients (-t). Each
// side's time is the wall time from starting its processes until the last one exits, and every job
// must be completed. The ratios are the figures that matter (docs/benchmarks.md; goal: pricefeed /
// pgbench >= 0.8 at 3 processes): these 2-core machines are too noisy for absolute numbers.
//
//   queue_bench [--jobs N] [--rounds R]     (tests/bench/run.sh queue_bench starts a PostgreSQL)
//   queue_bench --worker URL                one worker process; the benchmark starts these itself
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "host/db/ConnectionPool.hpp"
#include "host/log/Log.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "host/worker/BackfillWorker.hpp"
#include "tests/bench/BenchOptions.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

#if !defined(PRICEFEED_PGBENCH)
#error "PRICEFEED_PGBENCH (the path of pgbench) must be defined by tests/bench/queue/CMakeLists.txt"
#endif

extern char** environ;

namespace pricefeed::bench {
namespace {

using Clock = std::chrono::steady_clock;

// One job per claim: a worker with one thread claims one job at a time (BackfillWorker claims as many
// as it has idle threads), and a pgbench client can take only one row of a claim's result.
constexpr int kBatchSize = 1;
constexpr int kLeaseSeconds = 300;  // [worker] lease_seconds' default
constexpr int kMaxProcesses = 3;
constexpr int kAssets = 1000;

struct Options {
  int jobs = 3000;
  int rounds = 3;
};

Options parse_options(int argc, char** argv) {
  Options options;
  parse_positive_int_flags(argc, argv, {{"--jobs", &options.jobs}, {"--rounds", &options.rounds}});
  // Every process count divides the jobs evenly among pgbench's clients.
  constexpr int kCommonMultiple = 6;
  options.jobs = (options.jobs + kCommonMultiple - 1) / kCommonMultiple * kCommonMultiple;
  return options;
}

// The worker process: the real queue through a pool of one connection, as a worker of one thread.
int run_worker(const std::string& database_url) {
  host::configure_logging(host::LogFormat::text, spdlog::level::warn);
  host::ConnectionPool pool(database_url, 1);
  host::BackfillQueue queue(pool);
  const std::string worker_id = host::default_worker_id();
  for (;;) {
    const std::vector<host::ClaimedJob> jobs =
        queue.claim(worker_id, kBatchSize, std::chrono::seconds(kLeaseSeconds));
    if (jobs.empty()) return 0;
    for (const host::ClaimedJob& job : jobs) {
      if (!queue.complete(job, "noop"))
        throw std::runtime_error("worker " + worker_id + " lost the lease of job " + std::to_string(job.id));
    }
  }
}

// `statement` with each parameter $N replaced by pgbench's variable :names[N-1].
std::string with_pgbench_variables(const std::string& statement, const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < statement.size(); ++i) {
    if (statement[i] != '$' || i + 1 >= statement.size() ||
        !std::isdigit(static_cast<unsigned char>(statement[i + 1]))) {
      out += statement[i];
      continue;
    }
    std::size_t end = i + 1;
    while (end < statement.size() && std::isdigit(static_cast<unsigned char>(statement[end])))
      ++end;
    const std::size_t number = std::stoul(statement.substr(i + 1, end - i - 1));
    if (number < 1 || number > names.size())
      throw std::logic_error("statement parameter $" + std::to_string(number) + " has no pgbench variable");
    out += ":" + names[number - 1];
    i = end - 1;
  }
  return out;
}

// pgbench's script: the queue's claim, its one row kept in claimed_* variables (\aset), then the
// queue's complete of that job. client_id (0, 1, ...) is each client's worker id. claimed_id starts
// at 0 so that a claim finding nothing completes nothing: the run then fails the count check.
std::string pgbench_script() {
  return "\\set claimed_id 0\n" +
         with_pgbench_variables(host::BackfillQueue::claim_statement(), {"client_id", "batch", "lease"}) +
         "\n\\aset claimed_\n" +
         with_pgbench_variables(host::BackfillQueue::complete_statement(),
                                {"claimed_id", "client_id", "source"}) +
         ";\n";
}

// An empty queue, then `jobs` due jobs (pending, never tried) spread over the benchmark's assets,
// vacuumed and analysed so that every run starts from the same table.
void fill_queue(pqxx::connection& connection, int jobs) {
  {
    pqxx::work tx(connection);
    tx.exec("TRUNCATE backfill_queue CASCADE");
    tx.exec_params(
        "INSERT INTO backfill_queue (asset_id, start_date, end_date, resolution, max_attempts) "
        "SELECT a.id, date '2000-01-01' + g, date '2000-01-01' + g, '1d', 5 "
        "FROM generate_series(1, $1) g JOIN assets a ON a.symbol = 'QB' || (g % $2)",
        jobs, kAssets);
    tx.commit();
  }
  pqxx::nontransaction(connection).exec("VACUUM ANALYZE backfill_queue");
}

void create_assets(pqxx::connection& connection) {
  pqxx::work tx(connection);
  tx.exec_params(
      "INSERT INTO assets (symbol, name, asset_class) SELECT 'QB' || g, 'QB' || g, 'stock' "
      "FROM generate_series(0, $1 - 1) g",
      kAssets);
  tx.commit();
}

void require_all_completed(pqxx::connection& connection, int jobs, const std::string& who) {
  pqxx::work tx(connection);
  const auto completed =
      tx.exec1("SELECT count(*) FROM backfill_queue WHERE status = 'completed' AND source = 'noop'")[0]
          .as<int>();
  if (completed != jobs) {
    throw std::runtime_error(who + " completed " + std::to_string(completed) + " of " + std::to_string(jobs) +
                             " jobs");
  }
}

// Starts `argv`, its output appended to `log` (empty: this process's own).
pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& log) {
  std::vector<char*> c_argv;
  for (const std::string& arg : argv)
    c_argv.push_back(const_cast<char*>(arg.c_str()));
  c_argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!log.empty()) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  }
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, c_argv[0], &actions, nullptr, c_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
  return pid;
}

struct RunTimes {
  double seconds = 0;      // wall time until the last process exited
  double cpu_seconds = 0;  // user and system time of the processes themselves (not the server's)
};

// Runs every command at once and times them; throws when one failed, naming `who` and quoting `log`.
RunTimes timed_run(const std::vector<std::vector<std::string>>& commands, const std::string& who,
                   const std::filesystem::path& log) {
  const auto start = Clock::now();
  std::vector<pid_t> pids;
  for (const auto& command : commands)
    pids.push_back(spawn(command, log));
  bool failed = false;
  RunTimes times;
  for (const pid_t pid : pids) {
    int status = 0;
    rusage usage{};
    failed |= wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    for (const timeval& time : {usage.ru_utime, usage.ru_stime})
      times.cpu_seconds += static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
  }
  times.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (failed) {
    std::string output;
    if (!log.empty()) {
      std::ifstream in(log);
      output = std::string(std::istreambuf_iterator<char>(in), {});
    }
    throw std::runtime_error(who + " failed" + (output.empty() ? std::string() : ":\n" + output));
  }
  return times;
}

struct RunRates {
  double pricefeed = 0;  // jobs/s
  double pgbench = 0;
  double pricefeed_cpu_us = 0;  // the client processes' CPU time per job, microseconds
  double pgbench_cpu_us = 0;
};

int run(const Options& options) {
  host::configure_logging(host::LogFormat::text, spdlog::level::warn);
  test::TestDatabase database;
  test::TemporaryDirectory files;
  const std::filesystem::path script = files.write_file("queue.pgbench", pgbench_script());
  const std::filesystem::path pgbench_log = files.path() / "pgbench.log";
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  auto connection = database.connect();
  create_assets(*connection);

  std::printf("queue: %d no-op jobs per run (claim one, complete it), %d rounds\n", options.jobs,
              options.rounds);
  // The client CPU columns are the time the client processes spent per job (the server's is not in
  // them): unlike the rates, a busy machine hardly moves them.
  std::printf("%-6s %5s %14s %14s %7s %15s %15s\n", "round", "procs", "pricefeed j/s", "pgbench j/s", "ratio",
              "pricefeed us/j", "pgbench us/j");
  // rates[p - 1]: every round's figures with p processes.
  std::vector<std::vector<RunRates>> rates(kMaxProcesses);
  for (int round = 1; round <= options.rounds; ++round) {
    for (int processes = 1; processes <= kMaxProcesses; ++processes) {
      RunRates run_rates;
      const auto run_pricefeed = [&] {
        fill_queue(*connection, options.jobs);
        const std::vector<std::vector<std::string>> workers(processes, {self, "--worker", database.url()});
        const RunTimes times = timed_run(workers, "the pricefeed workers", {});
        require_all_completed(*connection, options.jobs, "the pricefeed workers");
        run_rates.pricefeed = options.jobs / times.seconds;
        run_rates.pricefeed_cpu_us = times.cpu_seconds * 1e6 / options.jobs;
      };
      const auto run_pgbench = [&] {
        fill_queue(*connection, options.jobs);
        std::filesystem::remove(pgbench_log);
        const std::string clients = std::to_string(processes);
        const std::vector<std::string> command = {
            PRICEFEED_PGBENCH,
            "--no-vacuum",
            "--protocol=extended",
            "--file=" + script.string(),
            "--client=" + clients,
            "--jobs=" + clients,
            "--transactions=" + std::to_string(options.jobs / processes),
            "--define=batch=" + std::to_string(kBatchSize),
            "--define=lease=" + std::to_string(kLeaseSeconds),
            "--define=source=noop",
            database.url()};
        const RunTimes times = timed_run({command}, "pgbench", pgbench_log);
        require_all_completed(*connection, options.jobs, "pgbench");
        run_rates.pgbench = options.jobs / times.seconds;
        run_rates.pgbench_cpu_us = times.cpu_seconds * 1e6 / options.jobs;
      };
      // Alternate which side goes first, so that a machine slowing down or warming up over a round
      // does not always favour the same one.
      if (round % 2 == 1) {
        run_pricefeed();
        run_pgbench();
      } else {
        run_pgbench();
        run_pricefeed();
      }

      rates[processes - 1].push_back(run_rates);
      std::printf("%-6d %5d %14.0f %14.0f %7.2f %15.0f %15.0f\n", round, processes, run_rates.pricefeed,
                  run_rates.pgbench, run_rates.pricefeed / run_rates.pgbench, run_rates.pricefeed_cpu_us,
                  run_rates.pgbench_cpu_us);
      std::fflush(stdout);
    }
  }

  std::vector<RunRates> medians;
  for (int processes = 1; processes <= kMaxProcesses; ++processes) {
    std::vector<double> pricefeed, pgbench, ratios, pricefeed_cpu, pgbench_cpu;
    for (const RunRates& r : rates[processes - 1]) {
      pricefeed.push_back(r.pricefeed);
      pgbench.push_back(r.pgbench);
      ratios.push_back(r.pricefeed / r.pgbench);
      pricefeed_cpu.push_back(r.pricefeed_cpu_us);
      pgbench_cpu.push_back(r.pgbench_cpu_us);
    }
    medians.push_back({median(pricefeed), median(pgbench), median(pricefeed_cpu), median(pgbench_cpu)});
    std::printf("median %5d %14.0f %14.0f %7.2f %15.0f %15.0f%s\n", processes, medians.back().pricefeed,
                medians.back().pgbench, median(ratios), medians.back().pricefeed_cpu_us,
                medians.back().pgbench_cpu_us, processes == kMaxProcesses ? "   (goal: ratio >= 0.80)" : "");
  }
  std::printf("scaling (median j/s against 1 process)   pricefeed   pgbench\n");
  for (int processes = 2; processes <= kMaxProcesses; ++processes) {
    std::printf("%d/1 %42.2f %9.2f\n", processes, medians[processes - 1].pricefeed / medians[0].pricefeed,
                medians[processes - 1].pgbench / medians[0].pgbench);
  }
  return 0;
}

}  // namespace
}  // namespace pricefeed::bench

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::string(argv[1]) == "--worker") return pricefeed::bench::run_worker(argv[2]);
    return pricefeed::bench::run(pricefeed::bench::parse_options(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "queue_bench: " << e.what() << "\n";
    return 1;
  }
}
