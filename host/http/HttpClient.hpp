#pragma once

// The host's HTTP(S) client, behind the SDK's http service: a synchronous call for worker threads.
//
// - Connections are kept alive and reused per (scheme, host, port), in a bounded idle pool. A
//   pooled connection that turns out to be dead (the server closed it while idle) is replaced by a
//   fresh one once: always when the request could not be written, and for idempotent methods also
//   when nothing of a response came back.
// - https verifies the certificate chain against the system store (plus options.extra_ca_file) and
//   the host name or IP address, and sends SNI.
// - One timeout bounds the whole call, redirects and retries included; options.connect_timeout
//   also bounds each new connection's set-up.
// - Accept-Encoding: gzip, deflate is sent, and such bodies are decoded.
// - Redirects (301, 302, 303, 307, 308) are followed up to options.max_redirects; see
//   RedirectPolicy.hpp. Credentials are not carried to another origin, and https never redirects
//   to plain http.
// - A body over options.max_body_bytes (received or decoded) is an error, and so is a body cut
//   short: partial data is never returned as if it were the answer.
//
// Thread-safe: any number of threads may call send() at once.

#include <cstddef>
#include <memory>

#include "host/http/HttpClientError.hpp"
#include "host/http/HttpClientOptions.hpp"
#include "host/http/HttpClientRequest.hpp"
#include "host/http/HttpClientResponse.hpp"

namespace pricefeed::host {

class HttpClient {
 public:
  // Throws std::runtime_error when options.extra_ca_file cannot be loaded.
  explicit HttpClient(HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Any HTTP status is a response; throws HttpError when no complete response was obtained.
  HttpResponse send(const HttpRequest& request);

  const HttpClientOptions& options() const noexcept;

  // Connections kept alive for reuse right now (for /health and tests).
  std::size_t idle_connection_count() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace pricefeed::host
