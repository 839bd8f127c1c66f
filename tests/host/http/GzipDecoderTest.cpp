#include "host/http/GzipDecoder.hpp"

#include <gtest/gtest.h>

#include "tests/host/http/support/Compression.hpp"

namespace pricefeed::host {
namespace {

using testing::compress;
using testing::CompressionFormat;

const std::string kText = R"({"chart":{"result":[{"meta":{"symbol":"AAPL"}}]}})";

ContentDecodingError::Reason failure_reason(std::string_view encoding, const std::string& body,
                                            std::size_t limit) {
  try {
    decode_content(encoding, body, limit);
  } catch (const ContentDecodingError& error) {
    return error.reason();
  }
  ADD_FAILURE() << "decoding " << encoding << " did not fail";
  return ContentDecodingError::Reason::corrupt;
}

TEST(GzipDecoder, DecodesGzip) {
  EXPECT_EQ(decode_content("gzip", compress(kText, CompressionFormat::gzip), 1 << 20), kText);
  EXPECT_EQ(decode_content("X-GZIP", compress(kText, CompressionFormat::gzip), 1 << 20), kText);
}

TEST(GzipDecoder, DecodesConcatenatedGzipMembers) {
  const std::string body =
      compress("first ", CompressionFormat::gzip) + compress("second", CompressionFormat::gzip);
  EXPECT_EQ(gunzip(body, 1 << 20), "first second");
}

TEST(GzipDecoder, DecodesDeflateInZlibAndRawForm) {
  EXPECT_EQ(decode_content("deflate", compress(kText, CompressionFormat::zlib), 1 << 20), kText);
  EXPECT_EQ(decode_content("deflate", compress(kText, CompressionFormat::raw_deflate), 1 << 20), kText);
}

TEST(GzipDecoder, UndoesStackedCodingsLastFirst) {
  const std::string body = compress(compress(kText, CompressionFormat::zlib), CompressionFormat::gzip);
  EXPECT_EQ(decode_content("deflate, gzip", body, 1 << 20), kText);
}

TEST(GzipDecoder, IdentityLeavesTheBodyAlone) {
  EXPECT_EQ(decode_content("identity", kText, 1 << 20), kText);
}

TEST(GzipDecoder, CorruptOrCutBodyIsAnError) {
  std::string corrupt = compress(kText, CompressionFormat::gzip);
  corrupt[corrupt.size() / 2] ^= 0x55;
  corrupt[corrupt.size() / 2 + 1] ^= 0x55;
  EXPECT_EQ(failure_reason("gzip", corrupt, 1 << 20), ContentDecodingError::Reason::corrupt);

  const std::string whole = compress(kText, CompressionFormat::gzip);
  EXPECT_EQ(failure_reason("gzip", whole.substr(0, whole.size() - 6), 1 << 20),
            ContentDecodingError::Reason::corrupt);
  EXPECT_EQ(failure_reason("gzip", "not gzip at all", 1 << 20), ContentDecodingError::Reason::corrupt);
}

TEST(GzipDecoder, OutputOverTheLimitIsTooLarge) {
  const std::string bomb = compress(std::string(8 << 20, '\0'), CompressionFormat::gzip);
  ASSERT_LT(bomb.size(), 64u << 10);
  EXPECT_EQ(failure_reason("gzip", bomb, 1 << 20), ContentDecodingError::Reason::too_large);
}

TEST(GzipDecoder, UnknownCodingIsUnsupported) {
  EXPECT_EQ(failure_reason("br", "whatever", 1 << 20), ContentDecodingError::Reason::unsupported);
}

}  // namespace
}  // namespace pricefeed::host
