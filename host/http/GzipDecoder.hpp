#pragma once

// Undoing a response's Content-Encoding. The client asks for gzip and deflate only, so only those
// (and identity) are decoded; the output is bounded so that a small compressed body cannot expand
// into gigabytes.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pricefeed::host {

class ContentDecodingError : public std::runtime_error {
 public:
  enum class Reason { corrupt, too_large, unsupported };

  ContentDecodingError(Reason reason, const std::string& problem)
      : std::runtime_error(problem), reason_(reason) {}
  Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

// gzip (RFC 1952; several concatenated members are read as one body).
std::string gunzip(std::string_view compressed, std::size_t max_output);

// "deflate" is meant to be the zlib format (RFC 1950), but some servers send raw deflate
// (RFC 1951); both are accepted.
std::string inflate_deflate(std::string_view compressed, std::size_t max_output);

// Applies a Content-Encoding header value such as "gzip" or "deflate, gzip" (codings are undone
// last first); "identity" and an empty value leave the body as it is.
std::string decode_content(std::string_view content_encoding, std::string body, std::size_t max_output);

}  // namespace pricefeed::host
