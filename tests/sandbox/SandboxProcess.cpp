#include "tests/sandbox/SandboxProcess.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#ifndef PRICEFEED_SANDBOX_BINARY
#define PRICEFEED_SANDBOX_BINARY "pricefeed-sandbox"
#endif

namespace pricefeed::sandbox {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

HttpResult http_request(unsigned short port, const std::string& method, const std::string& target,
                        const std::string& body,
                        const std::vector<std::pair<std::string, std::string>>& headers) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  req.set(http::field::user_agent, "pricefeed-tests");
  req.set(http::field::connection, "close");
  for (const auto& [k, v] : headers)
    req.set(k, v);
  if (!body.empty() || method == "POST") {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
  }
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(stream, buffer, parser);
  auto res = parser.release();
  HttpResult out;
  out.status = res.result_int();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (char& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = std::move(res.body());
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  return out;
}

std::string SandboxProcess::binary_path() {
  if (const char* env = std::getenv("PRICEFEED_SANDBOX_BINARY"); env && *env) return env;
  return PRICEFEED_SANDBOX_BINARY;
}

SandboxProcess::SandboxProcess() : SandboxProcess(Options{}) {}

SandboxProcess::SandboxProcess(std::vector<std::string> args) {
  Options o;
  o.args = std::move(args);
  start(o);
}

SandboxProcess::SandboxProcess(Options options) {
  start(options);
}

SandboxProcess::~SandboxProcess() {
  stop();
}

void SandboxProcess::start(const Options& options) {
  char tmpl[] = "/tmp/pricefeed-sandbox-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("SandboxProcess: mkdtemp failed");
  dir_ = tmpl;
  const std::string port_file = dir_ + "/port";
  const std::string log_file = dir_ + "/sandbox.log";
  const std::string binary = options.binary.empty() ? binary_path() : options.binary;

  std::vector<std::string> args{binary, "--listen", "127.0.0.1:0", "--port-file", port_file};
  args.insert(args.end(), options.args.begin(), options.args.end());
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);

  int log_fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("SandboxProcess: cannot create " + log_file);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    ::close(log_fd);
    throw std::runtime_error("SandboxProcess: fork failed");
  }
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(126);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  ::close(log_fd);
  pid_ = pid;

  const auto deadline = std::chrono::steady_clock::now() + options.start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::string why = WIFEXITED(status) ? "exited with " + std::to_string(WEXITSTATUS(status))
                                          : "was killed by signal " + std::to_string(WTERMSIG(status));
      std::string output = log();
      std::filesystem::remove_all(dir_);
      throw std::runtime_error("SandboxProcess: " + binary + " " + why + ":\n" + output);
    }
    if (port_ == 0) {
      std::ifstream in(port_file);
      unsigned port = 0;
      if (in >> port && port > 0 && port < 65536) port_ = static_cast<unsigned short>(port);
    }
    if (port_ != 0) {
      try {
        if (get("/__sandbox/health").status == 200) return;
      } catch (const std::exception&) {
        // not answering yet
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string output = log();
  stop();
  throw std::runtime_error("SandboxProcess: " + binary + " did not answer /__sandbox/health in time:\n" +
                           output);
}

void SandboxProcess::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int status = 0;
    bool reaped = false;
    while (std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!reaped) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    dir_.clear();
  }
}

std::string SandboxProcess::log() const {
  std::ifstream in(dir_ + "/sandbox.log");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

HttpResult SandboxProcess::get(const std::string& target) const {
  return http_request(port_, "GET", target);
}

HttpResult SandboxProcess::post(const std::string& target, const std::string& json_body) const {
  return http_request(port_, "POST", target, json_body);
}

void SandboxProcess::add_fault(const std::string& json_body) const {
  auto r = post("/__sandbox/faults", json_body);
  if (r.status != 201) throw std::runtime_error("SandboxProcess: fault refused: " + r.body);
}

void SandboxProcess::reset() const {
  post("/__sandbox/reset");
}

std::string SandboxProcess::stats() const {
  return get("/__sandbox/stats").body;
}

std::string SandboxProcess::requests(const std::string& query) const {
  auto r = get("/__sandbox/requests" + (query.empty() ? "" : "?" + query));
  if (r.status != 200) throw std::runtime_error("SandboxProcess: request log refused: " + r.body);
  return r.body;
}

}  // namespace pricefeed::sandbox
