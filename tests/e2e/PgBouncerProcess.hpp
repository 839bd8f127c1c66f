// PgBouncer (Debian package pgbouncer) in transaction pooling mode in front of the test PostgreSQL, as
// an end-to-end test starts it: a config and log of its own in a temporary directory, a free loopback
// port, trust authentication (the test server trusts 127.0.0.1), and a pool of `pool_size` server
// connections per database, small enough that one client's transactions land on different ones.
// Stopped with SIGTERM when it goes out of scope, or before, and started again on the same port.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <pqxx/pqxx>

#include "tests/e2e/ServeProcess.hpp"
#include "tests/support/CommandResult.hpp"
#include "tests/support/TemporaryDirectory.hpp"

extern char** environ;

namespace pricefeed::test {

// The pgbouncer binary: on PATH, or in /usr/sbin where Debian puts it (not on a user's PATH).
inline std::optional<std::filesystem::path> find_pgbouncer() {
  std::vector<std::filesystem::path> candidates;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream directories(path);
    for (std::string directory; std::getline(directories, directory, ':');)
      if (!directory.empty()) candidates.push_back(std::filesystem::path(directory) / "pgbouncer");
  }
  candidates.push_back("/usr/sbin/pgbouncer");
  for (const auto& candidate : candidates)
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  return std::nullopt;
}

class PgBouncerProcess {
 public:
  // `server_url`: the test server, postgresql://USER@HOST:PORT/DB as tests/support/postgres.sh writes
  // it. Returns once PgBouncer accepts connections; throws when it does not within 10 s.
  PgBouncerProcess(std::filesystem::path binary, const std::string& server_url, int pool_size)
      : binary_(std::move(binary)) {
    parse_server_url(server_url);
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = free_port();
      write_config(pool_size);
      spawn();
      if (wait_until_accepting()) return;
      stop();  // most likely another process took the port first
    }
    throw std::runtime_error("PgBouncer did not start; its log:\n" + log());
  }
  ~PgBouncerProcess() { stop(); }

  // SIGTERM: clients are cut and new ones refused until start().
  void stop() {
    if (pid_ <= 0) return;  // never kill(-1, ...)
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  // Starts it again on the same port after stop(); throws when it does not accept within 10 s.
  void start() {
    spawn();
    if (!wait_until_accepting())
      throw std::runtime_error("PgBouncer did not start again; its log:\n" + log());
  }
  PgBouncerProcess(const PgBouncerProcess&) = delete;
  PgBouncerProcess& operator=(const PgBouncerProcess&) = delete;

  // The URL of `database` through PgBouncer.
  std::string url(const std::string& database) const {
    return "postgresql://" + user_ + "@127.0.0.1:" + std::to_string(port_) + "/" + database;
  }

  std::string log() const {
    std::ifstream in(dir_.path() / "pgbouncer.log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  void parse_server_url(const std::string& server_url) {
    const std::string scheme = "postgresql://";
    const auto at = server_url.find('@');
    const auto colon = server_url.find(':', at == std::string::npos ? scheme.size() : at);
    const auto slash = server_url.find('/', scheme.size());
    if (server_url.rfind(scheme, 0) != 0 || at == std::string::npos || colon == std::string::npos ||
        slash == std::string::npos || colon > slash) {
      throw std::runtime_error("PgBouncer needs the test server as postgresql://USER@HOST:PORT/DB, got " +
                               server_url);
    }
    user_ = server_url.substr(scheme.size(), at - scheme.size());
    server_host_ = server_url.substr(at + 1, colon - at - 1);
    server_port_ = server_url.substr(colon + 1, slash - colon - 1);
  }

  void write_config(int pool_size) {
    // pgbouncer refuses to run as root: as root it is told to become `postgres` (-u), which must be
    // able to read its config and write its log.
    dir_.write_file("userlist.txt", "\"" + user_ + "\" \"\"\n");
    dir_.write_file("pgbouncer.ini", "[databases]\n* = host=" + server_host_ + " port=" + server_port_ +
                                         "\n[pgbouncer]\n"
                                         "listen_addr = 127.0.0.1\n"
                                         "listen_port = " +
                                         std::to_string(port_) +
                                         "\n"
                                         "unix_socket_dir =\n"
                                         "auth_type = trust\n"
                                         "auth_file = " +
                                         (dir_.path() / "userlist.txt").string() +
                                         "\n"
                                         "pool_mode = transaction\n"
                                         "default_pool_size = " +
                                         std::to_string(pool_size) +
                                         "\n"
                                         "max_client_conn = 200\n"
                                         "logfile = " +
                                         (dir_.path() / "pgbouncer.log").string() + "\n");
    if (::geteuid() == 0) {
      for (const auto& entry : {dir_.path(), dir_.path() / "userlist.txt", dir_.path() / "pgbouncer.ini"})
        if (::chown(entry.c_str(), postgres_uid(), postgres_gid()) != 0)
          throw std::runtime_error("cannot give " + entry.string() + " to the postgres user");
    }
  }

  static uid_t postgres_uid() { return id_of("-u"); }
  static gid_t postgres_gid() { return id_of("-g"); }
  static unsigned id_of(const std::string& flag) {
    const CommandResult result = run_command({"/usr/bin/id", flag, "postgres"});
    if (result.exit_code != 0) throw std::runtime_error("running as root needs the 'postgres' system user");
    return static_cast<unsigned>(std::stoul(result.out));
  }

  void spawn() {
    std::vector<std::string> args{binary_.string()};
    if (::geteuid() == 0) args.insert(args.end(), {"-u", "postgres"});
    args.push_back((dir_.path() / "pgbouncer.ini").string());
    // It logs to its file and to stderr; the file is what a failing test prints.
    pid_ = -1;  // stays so when the spawn throws
    pid_ = spawn_process(std::move(args), "/dev/null");
  }

  bool wait_until_accepting() {
    for (int i = 0; i < 100; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      try {
        pqxx::connection probe(url("postgres"));
        return true;
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    return false;
  }

  std::filesystem::path binary_;
  TemporaryDirectory dir_;
  std::string user_;
  std::string server_host_;
  std::string server_port_;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace pricefeed::test
