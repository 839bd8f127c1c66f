#pragma once

#include <filesystem>
#include <string_view>

namespace pricefeed::test {

// A new empty directory, removed with everything in it when the object goes out of scope. For tests
// that need files on disk (migration files, configs).
class TemporaryDirectory {
 public:
  // Under the system's temporary directory.
  TemporaryDirectory();
  // Under `parent`, created if missing. Plugins are refused in /tmp (anyone may add files there), so
  // tests that load plugins from a directory of their own make it in the build tree.
  explicit TemporaryDirectory(const std::filesystem::path& parent);
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
