// `pricefeed serve` under `ulimit -n 256` and a flood of idle and slowloris connections: the real
// binary, plugins, PostgreSQL and sandbox upstream. The server lowers its connection cap to what the
// descriptors leave, cuts off slow headers at the header deadline, closes a kept-alive connection
// after its request cap, refuses connections when every one has a request in progress, and, with
// 1,000 connections held open against it, still answers /health within 2 s, stores an event and
// backfills it from the upstream, without flooding its log.
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "tests/e2e/ServeProcess.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

// One client connection as raw bytes: what a slow, silent or hostile client does.
class RawConnection {
 public:
  explicit RawConnection(unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd_);
      throw std::runtime_error("connect: " + reason);
    }
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool send(std::string_view bytes) { return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) >= 0; }

  // What arrives within `timeout`: until `until` is seen, or without one the first bytes that come.
  // Sets closed() on end of stream.
  std::string receive(std::chrono::milliseconds timeout, std::string_view until = {}) {
    std::string got;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_ && (until.empty() ? got.empty() : got.find(until) == std::string::npos)) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd readable{fd_, POLLIN, 0};
      // Past the deadline the poll only looks (timeout 0): closed_now() relies on that.
      if (::poll(&readable, 1, static_cast<int>(std::max<std::int64_t>(0, left.count()))) <= 0) break;
      char chunk[4096];
      const ssize_t read = ::recv(fd_, chunk, sizeof chunk, 0);
      if (read <= 0) {
        closed_ = true;
        break;
      }
      got.append(chunk, static_cast<std::size_t>(read));
    }
    return got;
  }
  // One whole response: its header, then as many bytes as its Content-Length says.
  std::string receive_response(std::chrono::milliseconds timeout) {
    std::string got = receive(timeout, "\r\n\r\n");
    const std::size_t header_end = got.find("\r\n\r\n");
    const std::size_t length_at = got.find("Content-Length: ");
    if (header_end == std::string::npos || length_at == std::string::npos) return got;
    const std::size_t length = std::stoul(got.substr(length_at + 16));
    while (!closed_ && got.size() < header_end + 4 + length) {
      const std::string more = receive(timeout, {});
      if (more.empty()) break;
      got += more;
    }
    return got;
  }
  // Without waiting: true once the server has closed (a reset counts).
  bool closed_now() {
    receive(0ms);
    return closed_;
  }
  bool closed() const { return closed_; }

 private:
  int fd_;
  bool closed_ = false;
};

// `count` connections held open against the server until destroyed: the first half silent, the
// second half slowloris (a header begun, a line a second). Like a real attacker it reconnects those
// the server closes, once a second.
class ConnectionFlood {
 public:
  ConnectionFlood(unsigned short port, std::size_t count) : port_(port), connections_(count) {
    refill();
    thread_ = std::jthread([this](std::stop_token stop) {
      while (!stop.stop_requested()) {
        std::this_thread::sleep_for(1s);
        refill();
      }
    });
  }
  ~ConnectionFlood() {
    thread_.request_stop();
    thread_.join();
  }

 private:
  void refill() {
    for (std::size_t i = 0; i < connections_.size(); ++i) {
      auto& connection = connections_[i];
      const bool slowloris = i >= connections_.size() / 2;
      if (connection && !connection->closed_now()) {
        if (slowloris) connection->send("X-Slow: 1\r\n");
        continue;
      }
      try {
        connection = std::make_unique<RawConnection>(port_);
        if (slowloris) connection->send("GET /health HTTP/1.1\r\nHost: x\r\n");
      } catch (const std::exception&) {
        connection.reset();  // the backlog is full for a moment: next round
      }
    }
  }

  unsigned short port_;
  std::vector<std::unique_ptr<RawConnection>> connections_;
  std::jthread thread_;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count_lines_with(const std::string& text, std::string_view needle) {
  std::size_t count = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find(needle) != std::string::npos) ++count;
  return count;
}

// GET /health on a new connection: its status and how long the answer took.
std::pair<unsigned, std::chrono::steady_clock::duration> timed_health(unsigned short port) {
  const auto started = std::chrono::steady_clock::now();
  const sandbox::HttpResult answer = sandbox::http_request(port, "GET", "/health");
  return {answer.status, std::chrono::steady_clock::now() - started};
}

constexpr std::string_view kBusyRequest =
    "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
    "Expect: 100-continue\r\n\r\n";

TEST(ConnectionFloodEndToEnd, ServeUnderATightDescriptorLimitDegradesInsteadOfFallingOver) {
  TestDatabase db;
  sandbox::SandboxProcess upstream;
  TemporaryDirectory dir;
  const unsigned short port = free_port();
  // Short header deadline, long others: the slow connections below are cut by the header deadline only.
  const std::string http_keys =
      "header_timeout_seconds = 3\nrequest_timeout_seconds = 60\nkeep_alive_timeout_seconds = 60\n"
      "max_requests_per_connection = 5\n";
  auto config =
      dir.write_file("pricefeed.toml", serve_with_yahoo_toml(db, port, upstream.base_url(), http_keys));
  const auto log = dir.path() / "serve.log";
  ServeProcess serve(config, log, 256);
  for (int i = 0; i < 100; ++i) {
    try {
      if (timed_health(port).first == 200) break;
    } catch (const std::exception&) {
      std::this_thread::sleep_for(100ms);
    }
  }
  ASSERT_THAT(read_file(log), HasSubstr("HTTP connection limit lowered to what the descriptor limit leaves"))
      << read_file(log);

  // The header deadline (3 s; keep-alive and request deadlines are 60 s) cuts off a client that
  // trickles its header and one that sends nothing.
  RawConnection slowloris(port);
  RawConnection silent(port);
  slowloris.send("GET /health HTTP/1.1\r\n");

  // The request cap: the fifth answer on one connection says Connection: close, and it is closed.
  {
    RawConnection kept_alive(port);
    for (int i = 1; i <= 5; ++i) {
      ASSERT_TRUE(kept_alive.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
      const std::string answer = kept_alive.receive_response(10s);
      ASSERT_THAT(answer, HasSubstr("200 OK")) << "request " << i;
      EXPECT_EQ(answer.find("Connection: close") != std::string::npos, i == 5) << "request " << i << answer;
    }
    kept_alive.receive(10s);
    EXPECT_TRUE(kept_alive.closed());
  }

  for (auto waited = 0s; waited < 20s && !(slowloris.closed_now() && silent.closed_now()); waited += 1s) {
    slowloris.send("X-Slow: 1\r\n");
    std::this_thread::sleep_for(1s);
  }
  EXPECT_TRUE(slowloris.closed()) << "a header trickling in for 20 s was still being read";
  EXPECT_TRUE(silent.closed()) << "a connection silent for 20 s was still open";

  // Requests in progress are never evicted: once every slot holds one, a new connection is closed at
  // once. Under ulimit -n 256 that happens well below max_connections = 512.
  {
    std::vector<std::unique_ptr<RawConnection>> busy;
    bool refused = false;
    while (!refused && busy.size() < 600) {
      auto connection = std::make_unique<RawConnection>(port);
      connection->send(kBusyRequest);
      const std::string answer = connection->receive(10s, "\r\n\r\n");
      if (answer.find("100 Continue") != std::string::npos) {
        busy.push_back(std::move(connection));
      } else {
        refused = connection->closed();
        ASSERT_TRUE(refused) << "neither served nor refused after " << busy.size() << " busy connections";
      }
    }
    EXPECT_TRUE(refused);
    EXPECT_LT(busy.size(), 256u);
    EXPECT_GT(busy.size(), 20u);
  }

  // A thousand connections held open, half silent, half slowloris.
  {
    ConnectionFlood flood(port, 1000);
    for (int i = 0; i < 3; ++i) {
      const auto [status, took] = timed_health(port);
      EXPECT_EQ(status, 200u);
      EXPECT_LT(took, 2s);
    }
    // The database pool and the upstream still work: an event is stored, its history fetched.
    const std::string event =
        R"({"event_id":"evt-flood","user_id":"u-1","type":"buy","symbol":"AAPL","asset_class":"stock",)"
        R"("date":"2025-06-02","quantity":"10","price":"201.70","currency":"USD"})";
    const auto accepted =
        sandbox::http_request(port, "POST", "/v1/events", event, {{"Content-Type", "application/json"}});
    ASSERT_EQ(accepted.status, 202u) << accepted.body;
    auto conn = db.connect();
    std::string status;
    for (int i = 0; i < 600 && status != "completed" && status != "failed"; ++i) {
      std::this_thread::sleep_for(100ms);
      pqxx::work tx(*conn);
      auto r = tx.exec("SELECT status FROM backfill_queue");
      status = r.empty() ? "" : r[0][0].as<std::string>();
    }
    ASSERT_EQ(status, "completed");
    pqxx::work tx(*conn);
    EXPECT_GT(tx.exec1("SELECT count(*) FROM asset_prices")[0].as<int>(), 15);
  }

  EXPECT_EQ(serve.stop(), 0);
  // Thousands of evictions and refusals, a handful of lines: each warning at most once per 10 s.
  const std::string written = read_file(log);
  EXPECT_GE(count_lines_with(written, "closed the connection waiting longest"), 1u);
  EXPECT_LE(count_lines_with(written, "HTTP connection limit reached"), 16u) << written;
  EXPECT_LE(count_lines_with(written, "HTTP accept failed"), 8u) << written;
}

}  // namespace
}  // namespace pricefeed::test
