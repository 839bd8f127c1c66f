#include "host/plugins/SourceFingerprint.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace pricefeed::host {
namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    text += kDigits[bytes[i] >> 4];
    text += kDigits[bytes[i] & 0xf];
  }
  return text;
}

std::string random_salt() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("source fingerprints: OpenSSL could not draw a random salt");
  return hex(bytes.data(), bytes.size());
}

std::string state_text(const std::optional<PluginFileState>& state) {
  if (!state) return "-";
  return std::to_string(state->device) + ":" + std::to_string(state->inode) + ":" +
         std::to_string(state->size) + ":" + std::to_string(state->mtime_ns);
}

}  // namespace

const std::string& process_fingerprint_salt() {
  static const std::string salt = random_salt();
  return salt;
}

std::string source_fingerprint(std::string_view salt, const std::optional<PluginFileState>& plugin_file,
                               std::string_view config_json) {
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> digest(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  const std::string state = state_text(plugin_file);
  std::array<unsigned char, EVP_MAX_MD_SIZE> hash{};
  unsigned int size = 0;
  if (!digest || EVP_DigestInit_ex(digest.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(digest.get(), salt.data(), salt.size()) != 1 ||
      EVP_DigestUpdate(digest.get(), state.data(), state.size()) != 1 ||
      EVP_DigestUpdate(digest.get(), config_json.data(), config_json.size()) != 1 ||
      EVP_DigestFinal_ex(digest.get(), hash.data(), &size) != 1)
    throw std::runtime_error("source fingerprints: OpenSSL could not compute SHA-256");
  return hex(hash.data(), size);
}

}  // namespace pricefeed::host
