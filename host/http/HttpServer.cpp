#include "host/http/HttpServer.hpp"

#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include "host/http/HttpServerListenAddress.hpp"
#include "host/http/HttpServerSession.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {

namespace net = boost::asio;
using tcp = net::ip::tcp;

struct HttpServer::State {
  State(HttpServerSettings settings_in, Router router_in)
      : settings(std::move(settings_in)),
        router(std::move(router_in)),
        sessions(router, settings, handlers),
        handlers(std::max<std::size_t>(1, settings.handler_threads)),
        acceptor(io) {}

  void accept() {
    acceptor.async_accept(net::make_strand(io), [this](boost::system::error_code error, tcp::socket socket) {
      if (error == net::error::operation_aborted || !acceptor.is_open()) return;
      if (!error && !sessions.stopping) {
        auto session = std::make_shared<HttpServerSession>(std::move(socket), sessions);
        sessions.add(session);
        session->start();
      } else if (error) {
        // Out of file descriptors and the like: log and keep accepting; the client retries.
        log_warn("HTTP accept failed", {{"error", error.message()}});
      }
      accept();
    });
  }

  // Destroyed in reverse order. The handler pool's queued work and the io_context's pending
  // operations hold sessions, whose destructors report to `sessions`, so both go before it; a
  // session's socket belongs to `io`, so the handler pool goes before `io`.
  HttpServerSettings settings;
  Router router;
  HttpServerSessions sessions;  // refers to `handlers`, which it uses only once serving starts
  net::io_context io;
  net::thread_pool handlers;
  tcp::acceptor acceptor;
  tcp::endpoint endpoint;
  // Keeps the io threads running while a request waits on a handler thread with no I/O pending.
  std::optional<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  std::vector<std::thread> io_threads;
  std::mutex lifecycle;
  bool started = false;
  bool stopped = false;
};

HttpServer::HttpServer(HttpServerSettings settings, Router router)
    : state_(std::make_unique<State>(std::move(settings), std::move(router))) {}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::start() {
  std::lock_guard lock(state_->lifecycle);
  if (state_->started) throw HttpServerError("the HTTP server was started already");
  tcp::endpoint endpoint;
  try {
    endpoint = resolve_listen_address(state_->settings.listen);
  } catch (const std::invalid_argument& error) {
    throw HttpServerError(std::string("cannot start the HTTP server: ") + error.what());
  }
  boost::system::error_code error;
  auto& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    throw HttpServerError("cannot listen on " + state_->settings.listen + ": " + error.message());
  }
  state_->endpoint = acceptor.local_endpoint();
  state_->started = true;
  state_->keep_running.emplace(state_->io.get_executor());
  state_->accept();
  const std::size_t threads = std::max<std::size_t>(1, state_->settings.io_threads);
  for (std::size_t i = 0; i < threads; ++i)
    state_->io_threads.emplace_back([this] { state_->io.run(); });
  log_info("HTTP API listening", {{"address", state_->endpoint.address().to_string()},
                                  {"port", static_cast<int>(state_->endpoint.port())}});
  // Without a token every route is open to whoever can connect: on loopback that is this machine,
  // on any other address (0.0.0.0 included) possibly the world.
  if (!state_->endpoint.address().is_loopback() && state_->router.auth_token().empty()) {
    log_warn(
        "HTTP API listens beyond loopback without a token: anyone who can connect may post events "
        "and read the queue and sources; set [http].auth_token or listen on 127.0.0.1",
        {{"listen", state_->settings.listen}});
  }
}

void HttpServer::stop() {
  std::lock_guard lock(state_->lifecycle);
  if (!state_->started || state_->stopped) return;
  state_->stopped = true;
  State& state = *state_;
  state.sessions.stopping = true;
  net::post(state.io, [&state] {
    boost::system::error_code ignored;
    state.acceptor.close(ignored);
  });
  state.sessions.close_all_when_idle();
  if (const std::size_t left = state.sessions.wait_until_closed(state.settings.stop_grace); left > 0) {
    log_warn("HTTP API stopping with requests still in progress", {{"connections", left}});
  }
  state.keep_running.reset();
  state.io.stop();
  state.handlers.join();
  for (std::thread& thread : state.io_threads)
    thread.join();
  state.io_threads.clear();
  log_info("HTTP API stopped");
}

tcp::endpoint HttpServer::local_endpoint() const {
  return state_->endpoint;
}

}  // namespace pricefeed::host
