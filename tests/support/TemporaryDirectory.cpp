#include "tests/support/TemporaryDirectory.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <stdlib.h>

namespace pricefeed::test {

TemporaryDirectory::TemporaryDirectory() : TemporaryDirectory(std::filesystem::temp_directory_path()) {}

TemporaryDirectory::TemporaryDirectory(const std::filesystem::path& parent) {
  std::filesystem::create_directories(parent);
  // mkdtemp picks a name nobody else has, atomically, even with many test processes at once.
  std::string pattern = (parent / "pricefeed-test-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory from " + pattern + ": " +
                             std::strerror(errno));
  }
  path_ = buffer.data();
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ignored;  // a leftover in /tmp is not worth failing a test over
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TemporaryDirectory::write_file(const std::filesystem::path& relative_path,
                                                     std::string_view contents) const {
  const std::filesystem::path full_path = path_ / relative_path;
  std::filesystem::create_directories(full_path.parent_path());
  std::ofstream out(full_path, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  if (!out) throw std::runtime_error("cannot write " + full_path.string());
  return full_path;
}

}  // namespace pricefeed::test
