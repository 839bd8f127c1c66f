// `pricefeed serve` end to end: a buy event posted to the real HTTP API makes a new asset tracked and
// its year of history appear, fetched by the same process's worker from the sandbox.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pqxx/pqxx>
#include <thread>

#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

extern char** environ;

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;

unsigned short free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// The real binary in the background, stopped with SIGTERM as an init system would.
class ServeProcess {
 public:
  explicit ServeProcess(const std::filesystem::path& config) {
    std::vector<std::string> args{PRICEFEED_BINARY, "--config", config.string(),
                                  "--log-format",   "text",     "serve"};
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, PRICEFEED_BINARY, nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~ServeProcess() {
    if (pid_ > 0) stop();
  }
  int stop() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
};

TEST(ServeEndToEnd, ABuyEventPostedToTheApiEndsWithItsHistoryStored) {
  TestDatabase db;
  sandbox::SandboxProcess upstream;
  TemporaryDirectory dir;
  const unsigned short port = free_port();
  auto config = dir.write_file("pricefeed.toml", R"([database]
url = ")" + db.url() + R"("
[plugins]
dirs = [")" + std::string(PRICEFEED_PLUGIN_BUILD_DIR) +
                                                     R"("]
enable_unconfigured = false
[http]
listen = "127.0.0.1:)" + std::to_string(port) + R"("
[worker]
lookback_days = 30
[daemon]
exchanges_file = ")" + std::string(PRICEFEED_EXCHANGES_FILE) +
                                                     R"("
[sources.yahoo]
base_url = ")" + upstream.base_url() + R"("
requests_per_minute = 600
[routing]
stock = ["yahoo"]
)");
  ServeProcess serve(config);

  const std::string event =
      R"({"event_id":"evt-1","user_id":"u-1","type":"buy","symbol":"AAPL","asset_class":"stock",)"
      R"("date":"2025-06-02","quantity":"10","price":"201.70","currency":"USD"})";
  sandbox::HttpResult accepted;
  for (int i = 0; i < 100; ++i) {  // until the server listens
    try {
      accepted =
          sandbox::http_request(port, "POST", "/v1/events", event, {{"Content-Type", "application/json"}});
      break;
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ASSERT_EQ(accepted.status, 202u) << accepted.body;
  EXPECT_THAT(accepted.body, HasSubstr("accepted"));

  auto replay =
      sandbox::http_request(port, "POST", "/v1/events", event, {{"Content-Type", "application/json"}});
  EXPECT_EQ(replay.status, 200u);
  EXPECT_THAT(replay.body, HasSubstr("duplicate"));

  auto bad = sandbox::http_request(port, "POST", "/v1/events", R"({"event_id":"evt-2"})",
                                   {{"Content-Type", "application/json"}});
  EXPECT_EQ(bad.status, 400u);

  // The caller never waits for the fetch: the worker in the same process does it. Bounded wait.
  auto conn = db.connect();
  std::string status;
  for (int i = 0; i < 300 && status != "completed" && status != "failed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pqxx::work tx(*conn);
    auto r = tx.exec("SELECT status FROM backfill_queue");
    status = r.empty() ? "" : r[0][0].as<std::string>();
  }
  ASSERT_EQ(status, "completed");
  auto queue = sandbox::http_request(port, "GET", "/health/queue", "", {});
  EXPECT_EQ(queue.status, 200u) << queue.body;
  EXPECT_THAT(queue.body, HasSubstr(R"("completed":1)"));
  EXPECT_THAT(queue.body, HasSubstr(R"("due_now":0)"));
  pqxx::work tx(*conn);
  auto job = tx.exec1("SELECT start_date::text, end_date::text FROM backfill_queue");
  EXPECT_EQ(job[0].as<std::string>(), "2025-05-03");  // 30 days before the purchase
  EXPECT_GT(tx.exec1("SELECT count(*) FROM asset_prices")[0].as<int>(), 15);
  EXPECT_EQ(tx.exec1("SELECT tracking_users FROM tracked_assets")[0].as<int>(), 1);
  tx.commit();

  EXPECT_EQ(serve.stop(), 0);
}

}  // namespace
}  // namespace pricefeed::test
