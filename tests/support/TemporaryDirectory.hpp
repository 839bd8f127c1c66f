#pragma once

#include <filesystem>
#include <string_view>

namespace pricefeed::test {

// A new empty directory under the system's temporary directory, removed with everything in it
// when the object goes out of scope. For tests that need files on disk (migration files, configs).
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `contents` to path()/relative_path, creating parent directories; returns the full path.
  std::filesystem::path write_file(const std::filesystem::path& relative_path,
                                   std::string_view contents) const;

 private:
  std::filesystem::path path_;
};

}  // namespace pricefeed::test
