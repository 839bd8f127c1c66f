#include "tests/host/http/support/TestHttpServer.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cctype>

#include <openssl/ssl.h>

namespace pricefeed::host::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

bool has_header(const TestReply& reply, std::string_view name) {
  return std::any_of(reply.headers.begin(), reply.headers.end(),
                     [&](const auto& header) { return equal_ignoring_case(header.first, name); });
}

}  // namespace

std::optional<std::string> ReceivedRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equal_ignoring_case(key, name)) return value;
  }
  return std::nullopt;
}

TestReply TestReply::text(std::string body, int status) {
  TestReply reply;
  reply.status = status;
  reply.headers.emplace_back("Content-Type", "text/plain");
  reply.body = std::move(body);
  return reply;
}

TestReply TestReply::redirect(int status, std::string location) {
  TestReply reply;
  reply.status = status;
  reply.headers.emplace_back("Location", std::move(location));
  return reply;
}

TestReply TestReply::with(Action action) {
  TestReply reply;
  reply.action = action;
  return reply;
}

TestHttpServer::TestHttpServer(Handler handler, std::optional<TlsIdentity> tls, std::string_view address)
    : handler_(std::move(handler)), acceptor_(io_, tcp::endpoint(asio::ip::make_address(address), 0)) {
  if (tls) {
    tls_.emplace(asio::ssl::context::tls_server);
    tls_->use_certificate_chain(asio::buffer(tls->certificate_pem));
    tls_->use_private_key(asio::buffer(tls->private_key_pem), asio::ssl::context::pem);
  }
  port_ = acceptor_.local_endpoint().port();
  address_ = std::string(address);
  acceptor_thread_ = std::thread([this] { accept_loop(); });
}

TestHttpServer::~TestHttpServer() {
  stop();
}

std::string TestHttpServer::url(std::string_view path, std::string_view host) const {
  return std::string(tls_ ? "https://" : "http://") + (host.empty() ? address_ : std::string(host)) + ":" +
         std::to_string(port_) + std::string(path);
}

std::vector<std::string> TestHttpServer::server_names() const {
  std::lock_guard guard(mutex_);
  return server_names_;
}

std::vector<ReceivedRequest> TestHttpServer::requests() const {
  std::lock_guard guard(mutex_);
  return requests_;
}

void TestHttpServer::accept_loop() {
  for (;;) {
    tcp::socket socket(io_);
    error_code error;
    acceptor_.accept(socket, error);
    {
      std::lock_guard guard(mutex_);
      if (stopping_) return;
      if (error) continue;
      const std::size_t connection = ++accepted_;
      open_sockets_.push_back(socket.native_handle());
      connection_threads_.emplace_back([this, connection, s = std::move(socket)]() mutable {
        serve_connection(std::move(s), connection);
      });
    }
  }
}

void TestHttpServer::close_socket(tcp::socket& socket, bool abortive) {
  std::lock_guard guard(mutex_);
  // Unregistered and closed under one lock, so stop() never shuts down a reused descriptor.
  std::erase(open_sockets_, socket.native_handle());
  error_code ignored;
  if (abortive)
    socket.set_option(asio::socket_base::linger(true, 0), ignored);
  else
    socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

void TestHttpServer::serve_connection(tcp::socket socket, std::size_t connection) {
  if (!tls_) {
    serve_requests(socket, socket, connection);
    return;
  }
  asio::ssl::stream<tcp::socket&> stream(socket, *tls_);
  error_code error;
  stream.handshake(asio::ssl::stream_base::server, error);
  if (error) {
    close_socket(socket, false);
    return;
  }
  const char* server_name = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
  {
    std::lock_guard guard(mutex_);
    server_names_.emplace_back(server_name != nullptr ? server_name : "");
  }
  serve_requests(stream, socket, connection);
}

template <class Stream>
void TestHttpServer::serve_requests(Stream& stream, tcp::socket& socket, std::size_t connection) {
  beast::flat_buffer buffer;
  for (std::size_t on_connection = 1;; ++on_connection) {
    http::request<http::string_body> request;
    error_code error;
    http::read(stream, buffer, request, error);
    if (error) break;

    ReceivedRequest received;
    received.method = std::string(request.method_string());
    received.target = std::string(request.target());
    for (const auto& field : request) {
      received.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    received.body = request.body();
    received.connection = connection;
    received.request_on_connection = on_connection;
    {
      std::lock_guard guard(mutex_);
      requests_.push_back(received);
    }

    const TestReply reply = handler_(received);
    using Action = TestReply::Action;
    if (reply.action == Action::reset) {
      close_socket(socket, true);
      return;
    }
    if (reply.action == Action::close_unanswered) break;
    if (reply.action == Action::never_respond) {
      std::unique_lock lock(mutex_);
      stopped_.wait(lock, [this] { return stopping_; });
      break;
    }
    if (reply.action == Action::truncate_body) {
      std::string raw = "HTTP/1.1 " + std::to_string(reply.status) + " Whatever\r\n";
      for (const auto& [name, value] : reply.headers)
        raw += name + ": " + value + "\r\n";
      raw += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n";
      raw += reply.body.substr(0, reply.body_bytes_sent);
      asio::write(stream, asio::buffer(raw), error);
      // No TLS close_notify: the peer sees the connection simply end.
      break;
    }

    http::response<http::string_body> response{static_cast<http::status>(reply.status), 11};
    for (const auto& [name, value] : reply.headers)
      response.insert(name, value);
    response.body() = reply.body;
    if (!has_header(reply, "Content-Length")) response.prepare_payload();
    response.keep_alive(request.keep_alive() && reply.action != Action::respond_then_close);
    http::write(stream, response, error);
    if (error || !response.keep_alive() || reply.action == Action::close_silently) break;
  }
  close_socket(socket, false);
}

void TestHttpServer::stop() {
  {
    std::lock_guard guard(mutex_);
    if (stopping_) return;
    stopping_ = true;
    // Unblocks connections waiting for a request or hanging on purpose.
    for (int fd : open_sockets_)
      ::shutdown(fd, SHUT_RDWR);
  }
  stopped_.notify_all();
  // Unblocks accept(): a connection to ourselves, which accept_loop sees after stopping_.
  {
    error_code ignored;
    tcp::socket wake(io_);
    wake.connect(tcp::endpoint(asio::ip::make_address(address_), port_), ignored);
    acceptor_thread_.join();
  }
  error_code ignored;
  acceptor_.close(ignored);
  std::vector<std::thread> threads;
  {
    std::lock_guard guard(mutex_);
    threads.swap(connection_threads_);
  }
  for (std::thread& thread : threads)
    thread.join();
}

}  // namespace pricefeed::host::testing
