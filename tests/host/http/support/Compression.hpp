#pragma once

// Compressing test bodies the way servers do, to check that the client decodes them.

#include <string>
#include <string_view>

namespace pricefeed::host::testing {

enum class CompressionFormat { gzip, zlib, raw_deflate };

std::string compress(std::string_view data, CompressionFormat format);

}  // namespace pricefeed::host::testing
