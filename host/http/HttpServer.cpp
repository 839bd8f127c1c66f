#include "host/http/HttpServer.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/error.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include "host/http/DescriptorBudget.hpp"
#include "host/http/HttpServerListenAddress.hpp"
#include "host/http/HttpServerSession.hpp"
#include "host/log/Log.hpp"
#include "host/log/ThrottledWarning.hpp"

namespace pricefeed::host {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// A failed accept that another attempt cannot fix until something is released: retrying at once
// would spin on the listening socket, which stays readable.
bool is_out_of_resources(const boost::system::error_code& error) {
  return error == net::error::no_descriptors || error == boost::system::errc::too_many_files_open_in_system ||
         error == net::error::no_buffer_space || error == net::error::no_memory;
}

constexpr std::chrono::milliseconds kFirstAcceptPause{10};
constexpr std::chrono::milliseconds kLongestAcceptPause{1000};

}  // namespace

struct HttpServer::State {
  State(HttpServerSettings settings_in, Router router_in)
      : settings(std::move(settings_in)),
        router(std::move(router_in)),
        sessions(router, settings, handlers),
        handlers(std::max<std::size_t>(1, settings.handler_threads)),
        acceptor(io),
        accept_pause_timer(io) {}

  void accept() {
    acceptor.async_accept(net::make_strand(io), [this](boost::system::error_code error, tcp::socket socket) {
      if (error == net::error::operation_aborted || !acceptor.is_open()) return;
      if (error) {
        accept_failures.warn({{"error", error.message()}});
        if (is_out_of_resources(error)) return pause_then_accept();
      } else {
        accept_pause = std::chrono::milliseconds{0};
        if (!sessions.stopping) take(std::move(socket));
      }
      accept();
    });
  }

  // Out of descriptors and the like: the connection waits in the listen backlog while the pause,
  // doubling from 10 ms to a second, gives sessions time to close.
  void pause_then_accept() {
    accept_pause = std::clamp(accept_pause * 2, kFirstAcceptPause, kLongestAcceptPause);
    accept_pause_timer.expires_after(accept_pause);
    accept_pause_timer.async_wait([this](boost::system::error_code error) {
      if (error || !acceptor.is_open()) return;
      accept();
    });
  }

  void take(tcp::socket socket) {
    switch (sessions.make_room()) {
      case HttpServerSessions::Room::evicted:
        evictions.warn({{"max_connections", sessions.max_connections}});
        [[fallthrough]];
      case HttpServerSessions::Room::free: {
        auto session = std::make_shared<HttpServerSession>(std::move(socket), sessions);
        sessions.add(session);
        session->start();
        return;
      }
      case HttpServerSessions::Room::full:
        // No 503: writing one, and reading what the client sends so that closing does not reset
        // the answer away, would cost the time and descriptor the cap is there to save.
        refusals.warn({{"max_connections", sessions.max_connections}});
        boost::system::error_code ignored;
        socket.close(ignored);
        return;
    }
  }

  // settings.max_connections, lowered to what the descriptor limit leaves; throws when it leaves
  // nothing.
  std::size_t connection_cap() const {
    const DescriptorBudget budget = measure_descriptor_budget(settings.reserved_descriptors);
    const std::size_t room = budget.room_for_connections();
    if (room == 0) {
      throw HttpServerError("cannot serve HTTP: the descriptor limit (RLIMIT_NOFILE) of " +
                            std::to_string(budget.limit) + " leaves no room for connections after " +
                            std::to_string(budget.open) + " open and " + std::to_string(budget.reserved) +
                            " reserved for the database and upstream; raise it (LimitNOFILE=)");
    }
    if (room >= settings.max_connections) return settings.max_connections;
    log_warn("HTTP connection limit lowered to what the descriptor limit leaves",
             {{"max_connections", settings.max_connections},
              {"effective_max_connections", room},
              {"descriptor_limit", budget.limit},
              {"descriptors_open", budget.open},
              {"descriptors_reserved", budget.reserved}});
    return room;
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
  net::steady_timer accept_pause_timer;
  std::chrono::milliseconds accept_pause{0};
  ThrottledWarning accept_failures{"HTTP accept failed"};
  ThrottledWarning evictions{
      "HTTP connection limit reached: closed the connection waiting longest for a request"};
  ThrottledWarning refusals{
      "HTTP connection limit reached: every connection has a request in progress, new one closed"};
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
  state_->sessions.max_connections = state_->connection_cap();
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
                                  {"port", static_cast<int>(state_->endpoint.port())},
                                  {"max_connections", state_->sessions.max_connections}});
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
    state.accept_pause_timer.cancel();
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

std::size_t HttpServer::max_connections() const {
  return state_->sessions.max_connections;
}

tcp::endpoint HttpServer::local_endpoint() const {
  return state_->endpoint;
}

}  // namespace pricefeed::host
