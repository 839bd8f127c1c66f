// Test helper: runs the built pricefeed-sandbox binary on a free port for the lifetime of the object.
//
//   pricefeed::sandbox::SandboxProcess sandbox({"--seed", "7", "--rate-limit", "yahoo=33/min"});
//   config.base_url = sandbox.base_url();          // http://127.0.0.1:PORT
//   sandbox.post("/__sandbox/faults", R"({"route":"yahoo.chart","kind":"503","count":2})");
//
// The binary comes from the PRICEFEED_SANDBOX_BINARY environment variable, else from the path compiled
// in. The child dies with the test process (PR_SET_PDEATHSIG) and is stopped by the destructor.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace pricefeed::sandbox {

struct HttpResult {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// A one-shot HTTP/1.1 request to 127.0.0.1 (Connection: close). Throws on a network error.
HttpResult http_request(unsigned short port, const std::string& method, const std::string& target,
                        const std::string& body = "",
                        const std::vector<std::pair<std::string, std::string>>& headers = {});

class SandboxProcess {
 public:
  struct Options {
    std::vector<std::string> args;  // extra flags: --seed, --fault, --rate-limit, --now, --verbose ...
    std::chrono::milliseconds start_timeout{20000};
    std::string binary;  // empty: binary_path()
  };

  SandboxProcess();
  explicit SandboxProcess(std::vector<std::string> args);
  explicit SandboxProcess(Options options);
  ~SandboxProcess();  // SIGTERM, SIGKILL after 5 s, waits, removes its temporary directory
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Binance's stream_url: the source appends /stream (docs/sandbox.md, "Binance stream").
  std::string stream_url() const { return "ws://127.0.0.1:" + std::to_string(port_); }
  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string log() const;  // what the child wrote to stdout and stderr so far

  HttpResult get(const std::string& target) const;
  HttpResult post(const std::string& target, const std::string& json_body = "{}") const;
  // Shortcuts for the control API.
  void add_fault(const std::string& json_body) const;
  void reset() const;
  std::string stats() const;
  // GET /__sandbox/requests with `query` ("family=yahoo&after=17"): the request log's JSON.
  std::string requests(const std::string& query = "") const;

  static std::string binary_path();

 private:
  void start(const Options& options);
  void stop();

  pid_t pid_ = -1;
  unsigned short port_ = 0;
  std::string dir_;
};

}  // namespace pricefeed::sandbox
