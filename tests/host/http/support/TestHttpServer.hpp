#pragma once

// A real HTTP/1.1 server on 127.0.0.1 (plain or TLS) for the client's tests, answering with
// whatever the test's handler decides, including the faults a client must survive: a body cut
// short, a reset connection, an answer that never comes.
//
// One thread accepts; each connection is served, keep-alive, on a thread of its own with blocking
// I/O, so a connection that hangs holds up nothing else. stop() (and the destructor) unblocks and
// joins everything, so a test never waits on a timer to finish.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "tests/host/http/support/TestCertificates.hpp"

namespace pricefeed::host::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::size_t connection = 0;             // which accepted connection it came on, from 1
  std::size_t request_on_connection = 0;  // its place among that connection's requests, from 1

  std::optional<std::string> header(std::string_view name) const;
};

struct TestReply {
  enum class Action {
    respond,             // answer and keep the connection open
    respond_then_close,  // answer with Connection: close and close
    close_silently,      // answer as if keeping the connection, then close it anyway
    truncate_body,       // announce the whole body, send only body_bytes_sent of it, close
    close_unanswered,    // send nothing, close the connection (FIN), as a server timing out an idle one
    reset,               // send nothing, reset the connection (RST)
    never_respond,       // send nothing until the server stops
  };

  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // a Content-Length here is sent as is
  std::string body;
  Action action = Action::respond;
  std::size_t body_bytes_sent = 0;

  static TestReply text(std::string body, int status = 200);
  static TestReply redirect(int status, std::string location);
  static TestReply with(Action action);
};

class TestHttpServer {
 public:
  using Handler = std::function<TestReply(const ReceivedRequest&)>;

  // Listens on `address`, a loopback address: 127.0.0.1, or another of 127/8 (127.0.0.2) for a
  // test that needs two servers told apart by address.
  explicit TestHttpServer(Handler handler, std::optional<TlsIdentity> tls = std::nullopt,
                          std::string_view address = "127.0.0.1");
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  std::uint16_t port() const { return port_; }

  // "http(s)://<host>:<port><path>"; `host` (the listening address when empty) must resolve to the
  // listening address (localhost does to 127.0.0.1).
  std::string url(std::string_view path, std::string_view host = {}) const;

  std::size_t accepted_connections() const { return accepted_.load(); }
  std::vector<std::string> server_names() const;  // the SNI of each TLS handshake ("" when none)
  std::vector<ReceivedRequest> requests() const;

  void stop();

 private:
  void accept_loop();
  void serve_connection(boost::asio::ip::tcp::socket socket, std::size_t connection);
  template <class Stream>
  void serve_requests(Stream& stream, boost::asio::ip::tcp::socket& socket, std::size_t connection);
  void close_socket(boost::asio::ip::tcp::socket& socket, bool abortive);

  Handler handler_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::optional<boost::asio::ssl::context> tls_;
  std::uint16_t port_ = 0;
  std::string address_;
  std::atomic<std::size_t> accepted_{0};
  std::thread acceptor_thread_;

  mutable std::mutex mutex_;
  std::condition_variable stopped_;
  bool stopping_ = false;
  std::vector<std::thread> connection_threads_;
  std::vector<int> open_sockets_;
  std::vector<std::string> server_names_;
  std::vector<ReceivedRequest> requests_;
};

}  // namespace pricefeed::host::testing
