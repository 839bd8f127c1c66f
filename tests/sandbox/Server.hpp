// The network side of the sandbox: HTTP/1.1 with keep-alive on a pool of threads running one
// io_context, one coroutine per connection.
#pragma once

#include <memory>
#include <string>

#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

class Server {
 public:
  // Binds and listens at once (throws on failure); `listen` is "host:port", port 0 = any free port.
  Server(Sandbox& sandbox, const std::string& listen, int threads = 4, bool verbose = false);
  ~Server();  // stops
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  unsigned short port() const;
  std::string base_url() const;  // "http://127.0.0.1:PORT"
  void stop();                   // closes the listener and every connection; idempotent
  void wait();                   // until stop() (from another thread or a signal handler)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pricefeed::sandbox
