#include "tests/sandbox/Server.hpp"

#include <atomic>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include <date/date.h>
#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/url/parse.hpp>

#include "tests/sandbox/BinanceStreamSession.hpp"

namespace pricefeed::sandbox {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos)
    throw std::invalid_argument("--listen expects HOST:PORT, got '" + listen + "'");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = std::stoi(listen.substr(colon + 1));
  if (port < 0 || port > 65535) throw std::invalid_argument("--listen: bad port");
  return {host, static_cast<unsigned short>(port)};
}

// Request -> sandbox Request; false when the target is not an origin-form URL.
bool convert(const http::request<http::string_body>& msg, Request& out) {
  out.method = msg.method();
  out.target = std::string(msg.target());
  auto url = boost::urls::parse_origin_form(msg.target());
  if (!url) return false;
  out.path = url->path();
  for (auto param : url->params()) {
    out.query.emplace(std::string(param.key), param.has_value ? std::string(param.value) : std::string());
  }
  for (const auto& field : msg)
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  out.body = msg.body();
  return true;
}

}  // namespace

struct Server::Impl {
  Sandbox& sandbox;
  bool verbose;
  asio::io_context ioc;
  // The acceptor is not thread-safe and ioc runs on several threads: the accept loop and the close
  // at stop() both run on this strand, so a close never races an async_accept being started.
  asio::strand<asio::io_context::executor_type> accept_strand = asio::make_strand(ioc);
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::condition_variable stopped_cv;
  bool stopped = false;
  std::mutex log_mutex;
  unsigned short port = 0;
  std::string base_url;

  Impl(Sandbox& sb, bool v) : sandbox(sb), verbose(v) {}

  void log(const tcp::endpoint& remote, const Request& req, unsigned version, const Sandbox::Outcome& out,
           std::size_t bytes, std::chrono::steady_clock::duration took) {
    if (!verbose) return;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
    std::ostringstream line;
    line << date::format("%FT%TZ",
                         std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()))
         << ' ' << remote.address().to_string() << ':' << remote.port() << " \""
         << http::to_string(req.method) << ' ' << req.target << " HTTP/" << version / 10 << '.'
         << version % 10 << "\" ";
    if (out.delivery == Sandbox::Delivery::reset)
      line << "reset";
    else
      line << out.response.status;
    line << ' ' << bytes << "B " << ms << "ms route=" << out.route_id;
    if (!out.fault.empty()) line << " fault=" << out.fault;
    std::lock_guard lock(log_mutex);
    std::cerr << line.str() << std::endl;
  }

  asio::awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    boost::system::error_code ignored;
    const tcp::endpoint remote = stream.socket().remote_endpoint(ignored);
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(8 * 1024 * 1024);
      // Binance's combined stream names its streams in the URL: 1024 of them take about 20 KB.
      parser.header_limit(64 * 1024);
      stream.expires_after(std::chrono::seconds(300));
      auto [ec, n] = co_await http::async_read(stream, buffer, parser, kUseTuple);
      if (ec) break;
      auto msg = parser.release();
      const auto started = std::chrono::steady_clock::now();
      Request req;
      req.peer = remote.address().to_string() + ":" + std::to_string(remote.port());
      const bool converted = convert(msg, req);
      // Binance's combined stream: the connection becomes a WebSocket and leaves this loop.
      if (converted && req.path == "/stream" && beast::websocket::is_upgrade(msg)) {
        co_await serve_binance_stream(sandbox.binance_stream(), std::move(stream), std::move(buffer),
                                      std::move(msg), req.peer);
        co_return;
      }
      Sandbox::Outcome out;
      if (converted) {
        out = sandbox.handle(req);
      } else {
        out.route_id = "unmatched";
        out.response = Response::text(400, "Bad Request");
      }
      if (out.delay.count() > 0) {
        stream.expires_never();
        asio::steady_timer timer(co_await asio::this_coro::executor, out.delay);
        co_await timer.async_wait(kUseTuple);
      }
      if (out.delivery == Sandbox::Delivery::reset) {
        stream.socket().set_option(asio::socket_base::linger(true, 0), ignored);  // RST, not FIN
        stream.socket().close(ignored);
        log(remote, req, msg.version(), out, 0, std::chrono::steady_clock::now() - started);
        co_return;
      }
      const bool keep_alive = msg.keep_alive();
      http::response<http::string_body> res{static_cast<http::status>(out.response.status), msg.version()};
      res.set(http::field::server, "pricefeed-sandbox");
      res.set(http::field::content_type, out.response.content_type);
      for (const auto& [k, v] : out.response.headers)
        res.insert(k, v);
      res.body() = std::move(out.response.body);
      res.keep_alive(keep_alive);
      res.prepare_payload();
      stream.expires_after(std::chrono::seconds(60));
      if (out.delivery == Sandbox::Delivery::truncated) {
        // The full Content-Length, half of the body, then the connection closes.
        std::ostringstream wire;
        wire << res;
        std::string bytes = wire.str();
        std::size_t head = bytes.size() - res.body().size();
        std::size_t send = head + res.body().size() / 2;
        co_await asio::async_write(stream, asio::buffer(bytes.data(), send), kUseTuple);
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream.socket().close(ignored);
        log(remote, req, msg.version(), out, send, std::chrono::steady_clock::now() - started);
        co_return;
      }
      auto [wec, written] = co_await http::async_write(stream, res, kUseTuple);
      log(remote, req, msg.version(), out, written, std::chrono::steady_clock::now() - started);
      if (wec || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kUseTuple);
      if (ec) {
        if (!acceptor.is_open()) co_return;
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, session(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(Sandbox& sandbox, const std::string& listen, int threads, bool verbose)
    : impl_(std::make_unique<Impl>(sandbox, verbose)) {
  auto [host, port] = split_listen(listen);
  tcp::resolver resolver(impl_->ioc);
  auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::passive);
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen(asio::socket_base::max_listen_connections);
  auto local = impl_->acceptor.local_endpoint();
  impl_->port = local.port();
  std::string h = local.address().to_string();
  if (local.address().is_v6()) h = "[" + h + "]";
  impl_->base_url = "http://" + h + ":" + std::to_string(impl_->port);
  asio::co_spawn(impl_->accept_strand, impl_->accept_loop(), asio::detached);
  for (int i = 0; i < std::max(1, threads); ++i)
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
}

Server::~Server() {
  stop();
}

unsigned short Server::port() const {
  return impl_->port;
}

std::string Server::base_url() const {
  return impl_->base_url;
}

void Server::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopped) return;
    impl_->stopped = true;
  }
  asio::post(impl_->accept_strand, [this] {
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  impl_->ioc.stop();
  for (auto& t : impl_->threads) {
    if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
  }
  impl_->stopped_cv.notify_all();
}

void Server::wait() {
  std::unique_lock lock(impl_->mutex);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace pricefeed::sandbox
