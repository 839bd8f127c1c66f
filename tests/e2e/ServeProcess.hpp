// `pricefeed serve` as an end-to-end test runs it: the real binary in the background, stopped with
// SIGTERM as an init system would, on a free loopback port.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/sandbox/SandboxProcess.hpp"

extern char** environ;

namespace pricefeed::test {

// What `serve` needs to take a buy of a stock to stored history: the database and plugins, the API on
// loopback `port` (plus `http_keys`, whole lines), a 30-day lookback, the calendars, and yahoo at
// `yahoo_url` routed for stocks.
inline std::string serve_with_yahoo_toml(const TestDatabase& db, unsigned short port,
                                         const std::string& yahoo_url, const std::string& http_keys = "") {
  return database_and_plugins_toml(db) + "[http]\nlisten = \"127.0.0.1:" + std::to_string(port) + "\"\n" +
         http_keys + "[worker]\nlookback_days = 30\n[daemon]\nexchanges_file = \"" +
         std::string(PRICEFEED_EXCHANGES_FILE) + "\"\n" + source_toml("yahoo", yahoo_url, 600) +
         "[routing]\nstock = [\"yahoo\"]\n";
}

inline unsigned short free_port() {
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

// Starts `args` (args[0] a path) in the background and returns its pid. With `output` set, its
// standard input is /dev/null and its standard output and error are appended to that file; otherwise
// it shares the test's. Throws when it cannot be spawned.
inline pid_t spawn_process(std::vector<std::string> args, const std::string& output = "") {
  std::vector<char*> argv;
  for (auto& arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!output.empty()) {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  }
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("could not start " + args[0] + ": " + std::strerror(rc));
  return pid;
}

class ServeProcess {
 public:
  // Starts serve at once. `log`: a file its stdout and stderr are appended to (the soak's hundreds of
  // jobs would drown the test's output); empty: they are the test's own. `descriptor_limit`: above 0,
  // serve runs under `ulimit -n` of it, as under a tight LimitNOFILE.
  explicit ServeProcess(std::filesystem::path config, std::filesystem::path log = {},
                        unsigned descriptor_limit = 0)
      : config_(std::move(config)), log_(std::move(log)), descriptor_limit_(descriptor_limit) {
    start();
  }
  ~ServeProcess() {
    if (pid_ > 0) stop();
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Starts it again after kill_hard() or stop(). Throws when it cannot be spawned.
  void start() {
    std::vector<std::string> args{PRICEFEED_BINARY, "--config", config_.string(),
                                  "--log-format",   "text",     "serve"};
    if (descriptor_limit_ > 0) {
      // exec keeps the pid: SIGTERM and waitpid still reach serve itself.
      args.insert(
          args.begin(),
          {"/bin/bash", "-c", "ulimit -n " + std::to_string(descriptor_limit_) + " && exec \"$@\"", "bash"});
    }
    pid_ = -1;  // stays so when the spawn throws
    pid_ = spawn_process(std::move(args), log_.string());
  }

  // Its pid while it runs, -1 after stop() or kill_hard(): what the host's id ("<hostname>:<pid>",
  // backfill_queue.locked_by) ends with.
  pid_t pid() const { return pid_; }

  // False once the process has exited (on its own: stop() was not called).
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == 0) return true;
    pid_ = -1;
    return false;
  }

  // SIGTERM, then the exit code (-1 when it did not exit normally or was already gone).
  int stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // SIGHUP, as `systemctl reload` sends it: serve reloads its config and plugins in the background.
  void send_sighup() {
    if (pid_ > 0) kill(pid_, SIGHUP);
  }

  // SIGKILL, as the kernel's OOM killer or a power cut would: no lease released, no write finished.
  void kill_hard() {
    if (pid_ <= 0) return;  // never kill(-1, ...)
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  // The last `lines` lines of the log file (empty without one).
  std::string log_tail(std::size_t lines) const {
    std::ifstream in(log_);
    std::vector<std::string> all;
    for (std::string line; std::getline(in, line);)
      all.push_back(line);
    std::string out;
    for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
      out += all[i] + "\n";
    return out;
  }

 private:
  std::filesystem::path config_;
  std::filesystem::path log_;
  unsigned descriptor_limit_ = 0;
  pid_t pid_ = -1;
};

// Returns once `serve` answers GET /health on `port` (up to 10 s); throws with its log's tail when it
// does not, or has exited.
inline void wait_until_listening(ServeProcess& serve, unsigned short port) {
  for (int i = 0;; ++i) {
    try {
      sandbox::http_request(port, "GET", "/health");
      return;
    } catch (const std::exception&) {
      if (i == 200 || !serve.running())
        throw std::runtime_error("serve on port " + std::to_string(port) + " never listened:\n" +
                                 serve.log_tail(20));
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

// POSTs `event` to /v1/events of the serve on `port`, retrying for up to 10 s while it is still
// starting and not listening yet.
inline sandbox::HttpResult post_event_once_listening(unsigned short port, const std::string& event) {
  for (int i = 0;; ++i) {
    try {
      return sandbox::http_request(port, "POST", "/v1/events", event, {{"Content-Type", "application/json"}});
    } catch (const std::exception&) {
      if (i == 100) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

}  // namespace pricefeed::test
