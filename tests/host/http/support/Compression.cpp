#include "tests/host/http/support/Compression.hpp"

#include <zlib.h>

#include <stdexcept>

namespace pricefeed::host::testing {

std::string compress(std::string_view data, CompressionFormat format) {
  const int window_bits = format == CompressionFormat::gzip   ? 15 + 16
                          : format == CompressionFormat::zlib ? 15
                                                              : -15;
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string output(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(output.data());
  stream.avail_out = static_cast<uInt>(output.size());
  const int status = deflate(&stream, Z_FINISH);
  output.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return output;
}

}  // namespace pricefeed::host::testing
