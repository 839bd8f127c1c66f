#pragma once

// The TLS settings every client connection shares, and the per-connection part: which name the
// certificate must match and which name is announced with SNI.

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <filesystem>
#include <optional>
#include <string>

#include <openssl/ssl.h>

namespace pricefeed::host {

// A client context that verifies peers against the system's trust store (set_default_verify_paths,
// so SSL_CERT_FILE and SSL_CERT_DIR are honoured) plus `extra_ca_file` when given, and refuses
// anything older than TLS 1.2. Throws std::runtime_error naming the file when it cannot be loaded.
boost::asio::ssl::context make_tls_client_context(const std::optional<std::filesystem::path>& extra_ca_file);

// Prepares one connection to `host` before its handshake: sets SNI (host names only; RFC 6066 forbids
// IP literals there) and makes the handshake fail unless the certificate matches `host` (a DNS name
// or an IP address in the certificate). Returns false when OpenSSL refuses the settings.
bool prepare_tls_peer(SSL* ssl, const std::string& host, bool host_is_ip_literal);

// Why a handshake on `ssl` failed, when certificate verification was the cause: e.g. "certificate
// verification failed: hostname mismatch". Empty when verification was not the problem.
std::string describe_verification_failure(const SSL* ssl);

}  // namespace pricefeed::host
