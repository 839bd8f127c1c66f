// Bytes a client sends to the API server, read and routed as HttpServerSession does: one connection's
// bytes through Beast's parser with the server's limits (limit_request_parser, checked_header_read),
// request after request
// while the client keeps the connection alive, each request dispatched by the real Router to the
// route table of `pricefeed serve` (add_api_routes), whose bearer token is set. A request that cannot
// be read gets the server's refusal (unreadable_request_response) and ends the connection.
//
// The routes answer as with PostgreSQL down: the pool's connector and the inbox's connection both
// fail, which is the seam the production code already has (ConnectionPool::Connector,
// WithConnection). EventValidator runs for real on every POST /v1/events body; only an event that
// passes it asks for a connection.
//
// Checks beyond "no crash, no leak, no UB":
//   - every read request gets a response with a known status from 200 to 599;
//   - a request that could not be read is refused with 400, 413 or 431, and 413/431 exactly when
//     Beast stopped at the body or header limit;
//   - a request that was read has its header fields and its body within the limits;
//   - a request to a route that needs the token (all but GET /health), without the token in its
//     Authorization header, gets 401 and reaches no database; only GET /health reaches it without
//     the token. A POST /v1/events body asks for a connection only once EventValidator passed it.
//
// The limits are smaller than serve's defaults (16 KiB of headers, 1 MiB of body) so that inputs of
// libFuzzer's usual size reach them; the parser is configured by the same function either way.

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/system/system_error.hpp>

#include "host/db/Database.hpp"
#include "host/health/SourceHealthReader.hpp"
#include "host/http/ApiRoutes.hpp"
#include "host/http/HttpRequestReading.hpp"
#include "host/log/Log.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/ratelimit/SteadyClock.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using namespace pricefeed::host;
using pricefeed::fuzz::expect;

constexpr std::string_view kToken = "fuzz-token-7f3a";

// The client's bytes as a connection delivers them: in segments (their size varies with the input, so
// the parser meets every split of a line), then end of stream.
class ClientBytes {
 public:
  ClientBytes(std::string_view bytes, std::size_t segment) : rest_(bytes), segment_(segment) {}

  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers, beast::error_code& error) {
    error = {};
    if (rest_.empty()) {
      error = net::error::eof;
      return 0;
    }
    const std::size_t copied =
        net::buffer_copy(buffers, net::buffer(rest_.data(), std::min(rest_.size(), segment_)));
    rest_.remove_prefix(copied);
    return copied;
  }

  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers) {
    beast::error_code error;
    const std::size_t read = read_some(buffers, error);
    if (error) throw boost::system::system_error(error);
    return read;
  }

 private:
  std::string_view rest_;
  std::size_t segment_;
};

// The server of `pricefeed serve` with its database down, built once.
struct Server {
  Server()
      : health_pool(
            []() -> std::unique_ptr<pqxx::connection> { throw DatabaseConnectionError("fuzz: no database"); },
            2),
        queue(health_pool),
        registry({}, {}, {}),
        sources(registry, clock, health_pool),
        orchestrator(EventOrchestratorSettings{}),
        inbox(
            [this](const ConnectionWork&) {
              ++database_calls;
              throw DatabaseConnectionError("fuzz: no database");
            },
            EventValidator{}, orchestrator),
        router(std::string(kToken)) {
    add_api_routes(router, {.health_pool = health_pool,
                            .queue = queue,
                            .sources = sources,
                            .metrics = {&metrics},
                            .inbox = inbox});
  }

  HttpServerSettings settings{.max_body_bytes = 2048, .max_header_bytes = 1024};
  int database_calls = 0;
  ConnectionPool health_pool;
  BackfillQueue queue;
  SourceRegistry registry;
  SteadyClock clock;
  SourceHealthReader sources;
  MetricsRegistry metrics;
  EventOrchestrator orchestrator;
  EventInbox inbox;
  Router router;
};

bool known_status(const HttpServerResponse& response) {
  const unsigned status = response.result_int();
  return status >= 200 && status <= 599 && http::int_to_status(status) != http::status::unknown;
}

// What of a request's header counts against the header limit, without the syntax around it.
std::size_t header_text_size(const HttpServerRequest& request) {
  std::size_t size = request.method_string().size() + request.target().size();
  for (const auto& field : request)
    size += field.name_string().size() + field.value().size();
  return size;
}

// The routes of add_api_routes that need the token, written out here as what is expected of them.
bool needs_the_token(const HttpServerRequest& request) {
  const std::string_view target = request.target();
  const std::string_view path = target.substr(0, target.find('?'));
  if (request.method() == http::verb::post) return path == "/v1/events";
  return request.method() == http::verb::get && (path == "/health/queue" || path == "/health/sources" ||
                                                 path == "/health/cluster" || path == "/metrics");
}

void expect_routed(Server& server, const HttpServerRequest& request) {
  const int database_calls_before = server.database_calls;
  const HttpServerResponse response = server.router.dispatch(request);
  expect(known_status(response));
  const bool reached_the_database = server.database_calls != database_calls_before;
  const bool carries_the_token = request[http::field::authorization].find(kToken) != std::string_view::npos;
  if (needs_the_token(request) && !carries_the_token) {
    expect(response.result() == http::status::unauthorized);
    expect(!reached_the_database);
  }
  if (reached_the_database && !carries_the_token) {
    const std::string_view target = request.target();
    expect(request.method() == http::verb::get && target.substr(0, target.find('?')) == "/health");
  }
}

// Reads and routes requests as long as the client keeps the connection (HttpServerSession's loop).
void serve_connection(Server& server, std::string_view bytes) {
  ClientBytes connection(bytes, 1 + bytes.size() % 97);
  beast::flat_buffer buffer;
  for (;;) {
    HttpRequestParser parser;
    limit_request_parser(parser, server.settings);
    beast::error_code error;
    const std::size_t header_bytes = http::read_header(connection, buffer, parser, error);
    error = checked_header_read(error, header_bytes, server.settings);
    if (!error) http::read(connection, buffer, parser, error);
    if (error == http::error::end_of_stream) return;  // the client closed between requests
    if (error) {
      const HttpServerResponse refusal = unreadable_request_response(error, server.settings);
      const bool limit = error == http::error::header_limit || error == http::error::body_limit;
      expect(refusal.result() == (error == http::error::header_limit
                                      ? http::status::request_header_fields_too_large
                                  : error == http::error::body_limit ? http::status::payload_too_large
                                                                     : http::status::bad_request));
      expect(limit || refusal.result() == http::status::bad_request);
      return;  // the server refuses, then closes
    }
    HttpServerRequest request = parser.release();
    expect(header_text_size(request) <= server.settings.max_header_bytes);
    expect(request.body().size() <= server.settings.max_body_bytes);
    expect_routed(server, request);
    if (!request.keep_alive()) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // The routes log every refused event and every failed database call; at fuzzing speed that is noise.
  configure_logging(LogFormat::text, spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Server server;
  serve_connection(server, pricefeed::fuzz::as_text(data, size));
  return 0;
}
