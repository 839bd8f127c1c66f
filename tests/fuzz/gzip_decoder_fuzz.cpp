// Compressed response bodies through GzipDecoder, as HttpClient undoes a Content-Encoding: the input
// as a gzip body, as a deflate body (zlib or raw) and under a Content-Encoding chosen by its length.
// Only ContentDecodingError may escape, and no output may exceed the cap, whatever the ratio.
//
// Round trips: the first half of the input, compressed here by zlib as gzip, as zlib and as raw
// deflate, decodes to itself; its two quarters as two gzip members decode to both, one after the
// other; and a cap one byte short of the original refuses the body as too large instead of cutting it.
//
// The cap is far below the client's (64 MiB), so that the fuzzer's high-ratio inputs reach it.

#include <zlib.h>

#include <algorithm>
#include <array>
#include <string>

#include "host/http/GzipDecoder.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

namespace {

using pricefeed::fuzz::expect;
using pricefeed::host::ContentDecodingError;

constexpr std::size_t kCap = 256 * 1024;

constexpr int kGzipWindowBits = 15 + 16;
constexpr int kZlibWindowBits = 15;
constexpr int kRawDeflateWindowBits = -15;

// `plain` compressed by zlib in the format of `window_bits`.
std::string compress(std::string_view plain, int window_bits, int level) {
  z_stream stream{};
  expect(deflateInit2(&stream, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string compressed(deflateBound(&stream, static_cast<uLong>(plain.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  stream.avail_in = static_cast<uInt>(plain.size());
  stream.next_out = reinterpret_cast<Bytef*>(compressed.data());
  stream.avail_out = static_cast<uInt>(compressed.size());
  expect(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  compressed.resize(stream.total_out);
  deflateEnd(&stream);
  return compressed;
}

// Decodes with `decode`; a refusal must say why.
template <class Decode>
void expect_bounded(Decode decode) {
  try {
    expect(decode().size() <= kCap);
  } catch (const ContentDecodingError& error) {
    expect(*error.what() != '\0');
  }
}

bool refused_as_too_large(std::string_view gzip, std::size_t cap) {
  try {
    pricefeed::host::gunzip(gzip, cap);
  } catch (const ContentDecodingError& error) {
    return error.reason() == ContentDecodingError::Reason::too_large;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = pricefeed::fuzz::as_text(data, size);
  expect_bounded([&] { return pricefeed::host::gunzip(input, kCap); });
  expect_bounded([&] { return pricefeed::host::inflate_deflate(input, kCap); });
  static constexpr std::array<std::string_view, 4> kEncodings = {"gzip", "deflate", "x-gzip, identity",
                                                                 "gzip, gzip"};
  expect_bounded([&] {
    return pricefeed::host::decode_content(kEncodings[size % kEncodings.size()], std::string(input), kCap);
  });

  const std::string_view plain = input.substr(0, std::min(size / 2, kCap));
  const int level = static_cast<int>(size % 10);
  const std::string gzip = compress(plain, kGzipWindowBits, level);
  expect(pricefeed::host::gunzip(gzip, kCap) == plain);
  expect(pricefeed::host::inflate_deflate(compress(plain, kZlibWindowBits, level), kCap) == plain);
  expect(pricefeed::host::inflate_deflate(compress(plain, kRawDeflateWindowBits, level), kCap) == plain);
  const std::string_view first = plain.substr(0, plain.size() / 2);
  const std::string_view second = plain.substr(plain.size() / 2);
  expect(pricefeed::host::gunzip(
             compress(first, kGzipWindowBits, level) + compress(second, kGzipWindowBits, level), kCap) ==
         plain);
  if (!plain.empty()) expect(refused_as_too_large(gzip, plain.size() - 1));
  return 0;
}
