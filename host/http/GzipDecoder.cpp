#include "host/http/GzipDecoder.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <vector>

namespace pricefeed::host {

namespace {

constexpr int kGzipWindowBits = 15 + 16;
constexpr int kZlibWindowBits = 15;
constexpr int kRawDeflateWindowBits = -15;

// Owns a z_stream so that every exit path calls inflateEnd.
class Inflater {
 public:
  explicit Inflater(int window_bits) {
    if (inflateInit2(&stream_, window_bits) != Z_OK) {
      throw ContentDecodingError(ContentDecodingError::Reason::corrupt, "cannot initialise zlib");
    }
  }
  ~Inflater() { inflateEnd(&stream_); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
};

// Inflates `compressed` with the given window bits. With `members`, input left after the end of a
// stream starts another one (concatenated gzip members).
std::string inflate_all(std::string_view compressed, int window_bits, bool members, std::size_t max_output,
                        const char* format) {
  if (compressed.size() > UINT_MAX) {
    throw ContentDecodingError(ContentDecodingError::Reason::too_large, "compressed body too large for zlib");
  }
  Inflater inflater(window_bits);
  z_stream& stream = inflater.stream();
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());

  std::string output;
  std::array<char, 64 * 1024> chunk{};
  for (;;) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    const int status = inflate(&stream, Z_NO_FLUSH);
    const std::size_t produced = chunk.size() - stream.avail_out;
    if (output.size() + produced > max_output) {
      throw ContentDecodingError(ContentDecodingError::Reason::too_large,
                                 std::string(format) + " body decodes to more than the limit of " +
                                     std::to_string(max_output) + " bytes");
    }
    output.append(chunk.data(), produced);

    if (status == Z_STREAM_END) {
      if (!members || stream.avail_in == 0) return output;
      // Trailing zero padding after the last member is common and harmless.
      const std::string_view rest(reinterpret_cast<const char*>(stream.next_in), stream.avail_in);
      if (std::all_of(rest.begin(), rest.end(), [](char c) { return c == '\0'; })) return output;
      if (inflateReset(&stream) != Z_OK) {
        throw ContentDecodingError(ContentDecodingError::Reason::corrupt,
                                   std::string(format) + " body is corrupt");
      }
      continue;
    }
    if (status == Z_BUF_ERROR || (status == Z_OK && stream.avail_in == 0 && produced == 0)) {
      throw ContentDecodingError(ContentDecodingError::Reason::corrupt,
                                 std::string(format) + " body ends before its compressed stream does");
    }
    if (status != Z_OK) {
      throw ContentDecodingError(
          ContentDecodingError::Reason::corrupt,
          std::string(format) + " body is corrupt" +
              (stream.msg != nullptr ? std::string(": ") + stream.msg : std::string()));
    }
  }
}

std::string lowercase_trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

}  // namespace

std::string gunzip(std::string_view compressed, std::size_t max_output) {
  return inflate_all(compressed, kGzipWindowBits, true, max_output, "gzip");
}

std::string inflate_deflate(std::string_view compressed, std::size_t max_output) {
  try {
    return inflate_all(compressed, kZlibWindowBits, false, max_output, "deflate");
  } catch (const ContentDecodingError& error) {
    if (error.reason() != ContentDecodingError::Reason::corrupt) throw;
  }
  return inflate_all(compressed, kRawDeflateWindowBits, false, max_output, "deflate");
}

std::string decode_content(std::string_view content_encoding, std::string body, std::size_t max_output) {
  std::vector<std::string> codings;
  while (!content_encoding.empty()) {
    const std::size_t comma = content_encoding.find(',');
    std::string coding = lowercase_trimmed(content_encoding.substr(0, comma));
    if (!coding.empty()) codings.push_back(std::move(coding));
    if (comma == std::string_view::npos) break;
    content_encoding.remove_prefix(comma + 1);
  }
  for (auto coding = codings.rbegin(); coding != codings.rend(); ++coding) {
    if (*coding == "identity") continue;
    if (*coding == "gzip" || *coding == "x-gzip") {
      body = gunzip(body, max_output);
    } else if (*coding == "deflate") {
      body = inflate_deflate(body, max_output);
    } else {
      throw ContentDecodingError(
          ContentDecodingError::Reason::unsupported,
          "unsupported Content-Encoding \"" + *coding + "\" (asked for gzip, deflate)");
    }
  }
  return body;
}

}  // namespace pricefeed::host
