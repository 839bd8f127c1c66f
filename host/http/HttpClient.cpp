#include "host/http/HttpClient.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <cctype>

#include "host/http/GzipDecoder.hpp"
#include "host/http/HttpClientConnection.hpp"
#include "host/http/HttpClientUrl.hpp"
#include "host/http/HttpConnectionPool.hpp"
#include "host/http/RedirectPolicy.hpp"
#include "host/http/TlsClientContext.hpp"
#include "host/redaction/UrlRedaction.hpp"
#include "host/text/AsciiText.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;
using SteadyTime = std::chrono::steady_clock;

namespace {

constexpr std::string_view kAcceptEncoding = "gzip, deflate";

// Headers whose values the client sets itself, because they describe the connection or the
// framing (or, for Accept-Encoding, what the client is able to decode).
constexpr std::array<std::string_view, 8> kClientOwnedHeaders{
    "host", "content-length", "transfer-encoding", "connection", "keep-alive",
    "te",   "upgrade",        "accept-encoding"};

// Methods that may be sent twice without changing more than sending them once (RFC 9110 9.2.2).
constexpr std::array<std::string_view, 6> kIdempotentMethods{"GET",    "HEAD",    "PUT",
                                                             "DELETE", "OPTIONS", "TRACE"};

bool is_token(std::string_view text) {
  static constexpr std::string_view kTokenSymbols = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || kTokenSymbols.find(c) != std::string_view::npos;
  });
}

// CR, LF or NUL in a value would let it end the header early and smuggle in another.
bool is_safe_header_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool is_client_owned(std::string_view name) {
  const std::string lower = ascii_lowercase(name);
  return std::find(kClientOwnedHeaders.begin(), kClientOwnedHeaders.end(), lower) !=
         kClientOwnedHeaders.end();
}

bool is_idempotent(std::string_view method) {
  return std::find(kIdempotentMethods.begin(), kIdempotentMethods.end(), method) != kIdempotentMethods.end();
}

// One hop of a call: what is sent to one URL.
struct Hop {
  std::string method;
  HttpUrl url;
  HttpHeaders headers;
  std::string body;
};

}  // namespace

struct HttpClient::State {
  explicit State(HttpClientOptions opts)
      : options(std::move(opts)),
        tls(make_tls_client_context(options.extra_ca_file)),
        pool(HttpConnectionPool::Limits{options.max_idle_connections_per_origin, options.max_idle_connections,
                                        options.max_idle_time}) {}

  HttpClientConnection::Request build_request(const Hop& hop) const;
  // One request and its response; `refused` (when set) the addresses this hop may not connect to,
  // and `peer` receives the address the response came from.
  HttpClientConnection::Response exchange(const Hop& hop, SteadyTime::time_point deadline,
                                          const HttpCallContext& call,
                                          const HttpClientConnection::RefusedAddress& refused,
                                          boost::asio::ip::address& peer);
  std::unique_ptr<HttpClientConnection> open(const HttpOrigin& origin, SteadyTime::time_point deadline,
                                             const HttpCallContext& call,
                                             const HttpClientConnection::RefusedAddress& refused);
  bool is_internal(const boost::asio::ip::address& address) const {
    return options.is_internal_address ? options.is_internal_address(address) : is_internal_address(address);
  }

  HttpClientOptions options;
  boost::asio::ssl::context tls;
  HttpConnectionPool pool;
};

HttpClient::HttpClient(HttpClientOptions options) : state_(std::make_unique<State>(std::move(options))) {}

HttpClient::~HttpClient() = default;

const HttpClientOptions& HttpClient::options() const noexcept {
  return state_->options;
}

std::size_t HttpClient::idle_connection_count() const {
  return state_->pool.idle_count();
}

HttpClientConnection::Request HttpClient::State::build_request(const Hop& hop) const {
  HttpClientConnection::Request request;
  request.version(11);
  request.method_string(hop.method);
  request.target(hop.url.target);
  request.set(http::field::host, hop.url.host_header);
  if (!find_header(hop.headers, "User-Agent")) request.set(http::field::user_agent, options.user_agent);
  request.set(http::field::accept_encoding, kAcceptEncoding);
  for (const HttpHeader& header : hop.headers) {
    if (!is_client_owned(header.name)) request.insert(header.name, header.value);
  }
  request.keep_alive(true);
  request.body() = hop.body;
  // Content-Length for any body, and for an empty one when the method normally carries one.
  request.prepare_payload();
  return request;
}

std::unique_ptr<HttpClientConnection> HttpClient::State::open(
    const HttpOrigin& origin, SteadyTime::time_point deadline, const HttpCallContext& call,
    const HttpClientConnection::RefusedAddress& refused) {
  const SteadyTime::time_point connect_deadline =
      std::min(deadline, SteadyTime::now() + options.connect_timeout);
  return HttpClientConnection::open(origin, tls, connect_deadline, call, refused);
}

HttpClientConnection::Response HttpClient::State::exchange(
    const Hop& hop, SteadyTime::time_point deadline, const HttpCallContext& call,
    const HttpClientConnection::RefusedAddress& refused, boost::asio::ip::address& peer) {
  const HttpClientConnection::Request request = build_request(hop);
  const bool head = hop.method == "HEAD";
  const HttpClientConnection::Limits limits{options.max_body_bytes, options.max_header_bytes};

  std::unique_ptr<HttpClientConnection> connection = pool.take(hop.url.origin);
  if (connection && refused && refused(connection->remote_address())) {
    // Opened by a call that was allowed there; this hop must look the name up again and judge it.
    pool.put(std::move(connection));
    connection = nullptr;
  }
  const bool pooled = connection != nullptr;
  if (!pooled) connection = open(hop.url.origin, deadline, call, refused);

  for (bool fresh = !pooled;; fresh = true) {
    try {
      HttpClientConnection::Response response = connection->exchange(request, head, deadline, limits, call);
      peer = connection->remote_address();
      if (connection->reusable()) pool.put(std::move(connection));
      return response;
    } catch (const HttpError& error) {
      // A pooled connection may have been closed by the server while idle: that shows as a failed
      // write, or as a reset/close before any byte of a response. Only then, and only once, try a
      // new connection; a request that may have been processed is repeated only if idempotent.
      const bool stale = error.kind() == HttpErrorKind::reset && !connection->response_started() &&
                         (!connection->request_written() || is_idempotent(hop.method));
      if (fresh || !stale) throw;
    }
    connection = open(hop.url.origin, deadline, call, refused);
  }
}

HttpResponse HttpClient::send(const HttpRequest& request) {
  const SteadyTime::time_point started = SteadyTime::now();
  const std::chrono::milliseconds timeout =
      request.timeout > std::chrono::milliseconds::zero() ? request.timeout : state_->options.default_timeout;
  const SteadyTime::time_point deadline = started + timeout;

  Hop hop;
  hop.method = request.method.empty() ? "GET" : request.method;
  HttpCallContext call{hop.method, redact_url(request.url)};
  if (!is_token(hop.method)) {
    throw HttpError(HttpErrorKind::bad_request, "<invalid method>", call.redacted_url,
                    "the method is not an HTTP token");
  }
  for (const HttpHeader& header : request.headers) {
    if (!is_token(header.name) || !is_safe_header_value(header.value)) {
      throw HttpError(HttpErrorKind::bad_request, call.method, call.redacted_url,
                      "header \"" + (is_token(header.name) ? header.name : std::string("<invalid name>")) +
                          "\" contains characters not allowed in HTTP headers");
    }
  }
  std::string problem;
  auto url = parse_http_url(request.url, problem);
  if (!url) throw HttpError(HttpErrorKind::bad_url, call.method, call.redacted_url, problem);
  hop.url = std::move(*url);
  hop.headers = request.headers;
  hop.body = request.body;

  // Set once the first hop has answered from a public address: from then on no hop may connect to an
  // internal one (RedirectPolicy.hpp, "Server-side request forgery").
  HttpClientConnection::RefusedAddress refused;
  for (int redirects = 0;; ++redirects) {
    boost::asio::ip::address peer;
    HttpClientConnection::Response raw = state_->exchange(hop, deadline, call, refused, peer);
    if (redirects == 0 && !state_->is_internal(peer)) {
      refused = [state = state_.get()](const boost::asio::ip::address& address) {
        return state->is_internal(address);
      };
    }
    const int status = static_cast<int>(raw.result_int());
    const auto location = raw.find(http::field::location);

    if (is_followed_redirect(status) && location != raw.end()) {
      if (redirects >= state_->options.max_redirects) {
        throw HttpError(HttpErrorKind::too_many_redirects, call.method, call.redacted_url,
                        "more than " + std::to_string(state_->options.max_redirects) +
                            " redirects (the last, " + std::to_string(status) + ", from " +
                            redact_url(hop.url.text) + ")");
      }
      const std::string location_text(location->value());
      auto next_text = resolve_location(hop.url.text, location_text, problem);
      if (!next_text) {
        throw HttpError(HttpErrorKind::bad_url, call.method, call.redacted_url,
                        problem + ": \"" + redact_url(location_text) + "\"");
      }
      auto next = parse_http_url(*next_text, problem);
      if (!next) {
        throw HttpError(HttpErrorKind::bad_url, call.method, call.redacted_url,
                        "redirect to " + redact_url(*next_text) + ": " + problem);
      }
      if (hop.url.origin.uses_tls() && !next->origin.uses_tls()) {
        throw HttpError(HttpErrorKind::bad_url, call.method, call.redacted_url,
                        "refusing a redirect from https to plain http (" + redact_url(*next_text) + ")");
      }
      if (next->origin != hop.url.origin) drop_credentials(hop.headers);
      if (!redirect_keeps_method(status, hop.method)) {
        hop.method = "GET";
        hop.body.clear();
        drop_body_headers(hop.headers);
      }
      hop.url = std::move(*next);
      // Errors from here on name both the URL asked for and the one that failed.
      call = HttpCallContext{hop.method, redact_url(request.url) + " -> " + redact_url(hop.url.text)};
      continue;
    }

    HttpResponse response;
    response.status = status;
    for (const auto& field : raw) {
      response.headers.push_back(HttpHeader{std::string(field.name_string()), std::string(field.value())});
    }
    response.url = hop.url.text;
    const auto encoding = raw.find(http::field::content_encoding);
    if (encoding != raw.end() && !raw.body().empty()) {
      try {
        response.body =
            decode_content(encoding->value(), std::move(raw.body()), state_->options.max_body_bytes);
      } catch (const ContentDecodingError& error) {
        const HttpErrorKind kind = error.reason() == ContentDecodingError::Reason::too_large
                                       ? HttpErrorKind::too_large
                                       : HttpErrorKind::bad_response;
        throw HttpError(kind, call.method, call.redacted_url, error.what());
      }
    } else {
      response.body = std::move(raw.body());
    }
    response.elapsed = SteadyTime::now() - started;
    return response;
  }
}

}  // namespace pricefeed::host
