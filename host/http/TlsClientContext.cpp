#include "host/http/TlsClientContext.hpp"

#include <openssl/x509v3.h>

#include <stdexcept>

namespace pricefeed::host {

boost::asio::ssl::context make_tls_client_context(const std::optional<std::filesystem::path>& extra_ca_file) {
  boost::asio::ssl::context context(boost::asio::ssl::context::tls_client);
  context.set_options(boost::asio::ssl::context::default_workarounds |
                      boost::asio::ssl::context::no_compression);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  context.set_verify_mode(boost::asio::ssl::verify_peer);

  boost::system::error_code error;
  context.set_default_verify_paths(error);
  if (error)
    throw std::runtime_error("TLS: cannot load the system's trusted certificates: " + error.message());
  if (extra_ca_file) {
    context.load_verify_file(extra_ca_file->string(), error);
    if (error) {
      throw std::runtime_error("TLS: cannot load CA file " + extra_ca_file->string() + ": " +
                               error.message());
    }
  }
  return context;
}

bool prepare_tls_peer(SSL* ssl, const std::string& host, bool host_is_ip_literal) {
  // Verification against the name happens inside OpenSSL's chain check, the same check that
  // boost::asio::ssl::host_name_verification performs in a verify callback; doing it through the
  // verify parameters makes a mismatch fail the handshake with its own verify result
  // (X509_V_ERR_HOSTNAME_MISMATCH / IP_ADDRESS_MISMATCH), which the error message can then name.
  SSL_set_verify(ssl, SSL_VERIFY_PEER, nullptr);
  X509_VERIFY_PARAM* params = SSL_get0_param(ssl);
  if (host_is_ip_literal) {
    return X509_VERIFY_PARAM_set1_ip_asc(params, host.c_str()) == 1;
  }
  X509_VERIFY_PARAM_set_hostflags(params, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (X509_VERIFY_PARAM_set1_host(params, host.c_str(), host.size()) != 1) return false;
  return SSL_set_tlsext_host_name(ssl, host.c_str()) == 1;
}

std::string describe_verification_failure(const SSL* ssl) {
  const long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) return {};
  return std::string("certificate verification failed: ") + X509_verify_cert_error_string(result);
}

}  // namespace pricefeed::host
