// Several real `pricefeed worker` processes on one database: no job runs twice, and a worker killed
// with SIGKILL in the middle of a job leaves it to another once the lease expires, or sooner, once
// its heartbeat says it is dead (docs/cluster.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

extern char** environ;

namespace pricefeed::test {
namespace {

class WorkerProcesses : public ::testing::Test {
 protected:
  void write_config(int lease_seconds, int dead_after_seconds = 60, int heartbeat_seconds = 10) {
    config_ = dir_.write_file("pricefeed.toml", R"([database]
url = ")" + db_.url() + R"("
pool_size = 3
[plugins]
dirs = [")" + std::string(PRICEFEED_PLUGIN_BUILD_DIR) +
                                                    R"("]
enable_unconfigured = false
[worker]
batch_size = 2
lease_seconds = )" + std::to_string(lease_seconds) + R"(
[sources.yahoo]
base_url = ")" + sandbox_.base_url() + R"("
requests_per_minute = 6000
burst = 50
[routing]
stock = ["yahoo"]
[cluster]
dead_after_seconds = )" + std::to_string(dead_after_seconds) +
                                                    R"(
heartbeat_seconds = )" + std::to_string(heartbeat_seconds) +
                                                    R"(
)");
  }

  std::vector<std::string> args(std::vector<std::string> command) {
    command.insert(command.begin(), {"--config", config_.string(), "--log-format", "text"});
    return command;
  }

  pid_t spawn(std::vector<std::string> command) {
    std::vector<std::string> full = args(std::move(command));
    full.insert(full.begin(), PRICEFEED_BINARY);
    std::vector<char*> argv;
    for (auto& a : full)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    EXPECT_EQ(posix_spawn(&pid, PRICEFEED_BINARY, nullptr, nullptr, argv.data(), environ), 0);
    return pid;
  }

  static int wait_for(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::int64_t scalar(const std::string& sql) {
    auto c = db_.connect();
    pqxx::work tx(*c);
    return tx.exec1(sql)[0].as<std::int64_t>();
  }

  // Queues a backfill of AAPL for March 2025 and starts a worker that is surely in the middle of it
  // (the sandbox holds the first answer for 5 s); its pid, or -1 when the job never started.
  pid_t spawn_worker_holding_aapls_job() {
    auto queued = run_pricefeed(
        args({"backfill", "AAPL", "--class", "stock", "--from", "2025-03-03", "--to", "2025-03-28"}));
    if (queued.exit_code != 0) return -1;
    sandbox_.add_fault(R"({"route":"yahoo.chart","kind":"slow","delay_ms":5000,"count":1})");
    const pid_t worker = spawn({"worker"});
    const std::string in_progress = "SELECT count(*) FROM backfill_queue WHERE status = 'in_progress'";
    for (int i = 0; i < 100 && scalar(in_progress) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (scalar(in_progress) == 1) return worker;
    kill(worker, SIGKILL);
    wait_for(worker);
    return -1;
  }

  int chart_requests() {
    auto stats = nlohmann::json::parse(sandbox_.stats());
    return stats.at("routes").at("yahoo.chart").at("requests").get<int>();
  }

  TestDatabase db_;
  sandbox::SandboxProcess sandbox_;
  TemporaryDirectory dir_;
  std::filesystem::path config_;
};

TEST_F(WorkerProcesses, ThreeWorkersNeverRunOneJobTwice) {
  write_config(300);
  const std::vector<std::string> symbols{"AAPL", "MSFT",  "NVDA", "TSLA", "GOOGL", "AMZN", "SPLT", "DIVY",
                                         "QRKY", "JUMPY", "IBM",  "KO",   "PEP",   "XOM",  "CVX",  "JPM"};
  for (const auto& s : symbols) {
    auto r = run_pricefeed(
        args({"backfill", s, "--class", "stock", "--from", "2025-03-03", "--to", "2025-03-07"}));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  sandbox_.reset();
  std::vector<pid_t> workers;
  for (int i = 0; i < 3; ++i)
    workers.push_back(spawn({"worker", "--once"}));
  for (pid_t pid : workers)
    EXPECT_EQ(wait_for(pid), 0);

  EXPECT_EQ(scalar("SELECT count(*) FROM backfill_queue WHERE status = 'completed'"),
            static_cast<std::int64_t>(symbols.size()));
  EXPECT_EQ(scalar("SELECT count(*) FROM backfill_queue WHERE attempts > 0"), 0);
  // One range of five weekdays per job: one upstream request each, so no job was fetched twice.
  EXPECT_EQ(chart_requests(), static_cast<int>(symbols.size()));
  EXPECT_EQ(scalar("SELECT count(*) FROM asset_prices"), static_cast<std::int64_t>(symbols.size() * 5));
}

TEST_F(WorkerProcesses, AJobOfAKilledWorkerIsFinishedByAnotherAfterItsLease) {
  write_config(2);
  const pid_t doomed = spawn_worker_holding_aapls_job();
  ASSERT_GT(doomed, 0);
  kill(doomed, SIGKILL);
  EXPECT_EQ(wait_for(doomed), -1);

  // The lease (2 s) has to run out before anyone may take the job.
  auto early = run_pricefeed(args({"worker", "--once"}));
  EXPECT_THAT(early.out, ::testing::HasSubstr("jobs run: 0"));
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  auto rescue = run_pricefeed(args({"worker", "--once"}));
  ASSERT_EQ(rescue.exit_code, 0) << rescue.err;
  EXPECT_THAT(rescue.out, ::testing::HasSubstr("completed 1"));

  EXPECT_EQ(scalar("SELECT count(*) FROM backfill_queue WHERE status = 'completed'"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM asset_prices"), 20);  // 20 weekdays in March 3..28, each once
  EXPECT_EQ(scalar("SELECT count(DISTINCT ts) FROM asset_prices"), 20);
}

TEST_F(WorkerProcesses, AJobOfAKilledWorkerIsReleasedOnceItsHostIsDeadLongBeforeItsLease) {
  write_config(300, /*dead_after_seconds=*/3, /*heartbeat_seconds=*/1);
  const pid_t doomed = spawn_worker_holding_aapls_job();
  ASSERT_GT(doomed, 0);
  // Its next heartbeat (every second) publishes the job it holds.
  const std::string holds_a_job =
      "SELECT count(*) FROM hosts WHERE pid = " + std::to_string(doomed) + " AND jobs <> '{}'";
  for (int i = 0; i < 60 && scalar(holds_a_job) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(scalar(holds_a_job), 1);
  kill(doomed, SIGKILL);
  EXPECT_EQ(wait_for(doomed), -1);

  // Its heartbeat is still fresh: the job is left to it.
  auto early = run_pricefeed(args({"worker", "--once"}));
  EXPECT_THAT(early.out, ::testing::HasSubstr("jobs run: 0"));
  // Dead after 3 s of silence; the next worker's first heartbeat releases the job, its claim takes it,
  // 5 minutes before the lease would have ended.
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  auto rescue = run_pricefeed(args({"worker", "--once"}));
  ASSERT_EQ(rescue.exit_code, 0) << rescue.err;
  EXPECT_THAT(rescue.out, ::testing::HasSubstr("completed 1"));
  EXPECT_EQ(scalar("SELECT count(*) FROM asset_prices"), 20);

  auto hosts = run_pricefeed(args({"hosts", "--json"}));
  ASSERT_EQ(hosts.exit_code, 0) << hosts.err;
  std::string doomed_state;
  const nlohmann::json listed = nlohmann::json::parse(hosts.out);
  for (const auto& host : listed["hosts"])
    if (host["pid"].get<pid_t>() == doomed) doomed_state = host["state"].get<std::string>();
  EXPECT_EQ(doomed_state, "dead") << hosts.out;
}

}  // namespace
}  // namespace pricefeed::test
