#pragma once

// Throwaway certificates made at test time with OpenSSL's C API, so no key material is committed
// and nothing expires in the repository: a CA, and server certificates it issues.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace pricefeed::host::testing {

// What a TLS server presents: its certificate (PEM) and private key (PEM).
struct TlsIdentity {
  std::string certificate_pem;
  std::string private_key_pem;
};

class TestCertificateAuthority {
 public:
  explicit TestCertificateAuthority(const std::string& common_name);
  ~TestCertificateAuthority();
  TestCertificateAuthority(const TestCertificateAuthority&) = delete;
  TestCertificateAuthority& operator=(const TestCertificateAuthority&) = delete;

  // A server certificate valid for the given subjectAltName entries ("DNS:localhost", "IP:127.0.0.1").
  TlsIdentity issue_server_certificate(const std::string& common_name,
                                       const std::vector<std::string>& subject_alt_names) const;

  std::string certificate_pem() const;

  // Writes certificate_pem() to `path` (for HttpClientOptions::extra_ca_file or SSL_CERT_FILE).
  void write_certificate(const std::filesystem::path& path) const;

 private:
  EVP_PKEY* key_ = nullptr;
  X509* certificate_ = nullptr;
};

// A fresh private directory under the system's temporary directory, removed with its contents.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace pricefeed::host::testing
