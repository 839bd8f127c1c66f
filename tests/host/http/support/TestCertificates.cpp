#include "tests/host/http/support/TestCertificates.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <stdlib.h>

#include <atomic>
#include <fstream>
#include <stdexcept>

namespace pricefeed::host::testing {

namespace {

void check(bool ok, const char* what) {
  if (ok) return;
  char reason[256] = {};
  ERR_error_string_n(ERR_get_error(), reason, sizeof reason);
  throw std::runtime_error(std::string("test certificates: ") + what + ": " + reason);
}

EVP_PKEY* make_key() {
  // P-256 keys are generated in microseconds, unlike RSA.
  EVP_PKEY* key = EVP_EC_gen("P-256");
  check(key != nullptr, "generating a key");
  return key;
}

void add_extension(X509* certificate, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  check(extension != nullptr, "making a certificate extension");
  const int added = X509_add_ext(certificate, extension, -1);
  X509_EXTENSION_free(extension);
  check(added == 1, "adding a certificate extension");
}

X509* make_certificate(const std::string& common_name, EVP_PKEY* subject_key) {
  static std::atomic<long> next_serial{1};
  X509* certificate = X509_new();
  check(certificate != nullptr, "allocating a certificate");
  X509_set_version(certificate, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate), next_serial++);
  // Valid from an hour ago, so clock differences do not matter, for a day.
  X509_gmtime_adj(X509_getm_notBefore(certificate), -3600);
  X509_gmtime_adj(X509_getm_notAfter(certificate), 24 * 3600);
  check(X509_set_pubkey(certificate, subject_key) == 1, "setting the public key");
  X509_NAME* name = X509_get_subject_name(certificate);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("pricefeed tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  return certificate;
}

std::string to_pem(X509* certificate) {
  BIO* bio = BIO_new(BIO_s_mem());
  check(PEM_write_bio_X509(bio, certificate) == 1, "writing a certificate");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return pem;
}

std::string to_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  check(PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "writing a key");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return pem;
}

}  // namespace

TestCertificateAuthority::TestCertificateAuthority(const std::string& common_name) : key_(make_key()) {
  certificate_ = make_certificate(common_name, key_);
  check(X509_set_issuer_name(certificate_, X509_get_subject_name(certificate_)) == 1, "setting the issuer");
  add_extension(certificate_, certificate_, NID_basic_constraints, "critical,CA:TRUE");
  add_extension(certificate_, certificate_, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(certificate_, certificate_, NID_subject_key_identifier, "hash");
  check(X509_sign(certificate_, key_, EVP_sha256()) > 0, "signing the CA certificate");
}

TestCertificateAuthority::~TestCertificateAuthority() {
  X509_free(certificate_);
  EVP_PKEY_free(key_);
}

TlsIdentity TestCertificateAuthority::issue_server_certificate(
    const std::string& common_name, const std::vector<std::string>& subject_alt_names) const {
  EVP_PKEY* key = make_key();
  X509* certificate = make_certificate(common_name, key);
  check(X509_set_issuer_name(certificate, X509_get_subject_name(certificate_)) == 1, "setting the issuer");
  add_extension(certificate, certificate_, NID_basic_constraints, "critical,CA:FALSE");
  add_extension(certificate, certificate_, NID_key_usage, "critical,digitalSignature,keyEncipherment");
  add_extension(certificate, certificate_, NID_ext_key_usage, "serverAuth");
  add_extension(certificate, certificate_, NID_subject_key_identifier, "hash");
  add_extension(certificate, certificate_, NID_authority_key_identifier, "keyid:always");
  std::string alt_names;
  for (const std::string& entry : subject_alt_names)
    alt_names += (alt_names.empty() ? "" : ",") + entry;
  if (!alt_names.empty()) add_extension(certificate, certificate_, NID_subject_alt_name, alt_names);
  check(X509_sign(certificate, key_, EVP_sha256()) > 0, "signing a server certificate");

  TlsIdentity identity{to_pem(certificate), to_pem(key)};
  X509_free(certificate);
  EVP_PKEY_free(key);
  return identity;
}

std::string TestCertificateAuthority::certificate_pem() const {
  return to_pem(certificate_);
}

void TestCertificateAuthority::write_certificate(const std::filesystem::path& path) const {
  std::ofstream out(path, std::ios::binary);
  out << certificate_pem();
  if (!out) throw std::runtime_error("test certificates: cannot write " + path.string());
}

TemporaryDirectory::TemporaryDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "pricefeed-http-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
  path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace pricefeed::host::testing
