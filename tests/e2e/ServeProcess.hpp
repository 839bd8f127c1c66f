// `pricefeed serve` as an end-to-end test runs it: the real binary in the background, stopped with
// SIGTERM as an init system would, on a free loopback port.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/sandbox/SandboxProcess.hpp"

extern char** environ;

namespace pricefeed::test {

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
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

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

 private:
  pid_t pid_ = -1;
};

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
