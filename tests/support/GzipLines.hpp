// The lines of a gzip-compressed text file (the calendar reference sessions in tests/fixtures), read
// whole: they are a few hundred kilobytes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pricefeed::test {

// Throws std::runtime_error naming the file when it cannot be opened or is not gzip text.
std::vector<std::string> read_gzip_lines(const std::filesystem::path& file);

}  // namespace pricefeed::test
