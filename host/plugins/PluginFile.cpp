#include "host/plugins/PluginFile.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <utility>

namespace pricefeed::host {

namespace {

PluginFileIdentity identity_of(int fd) noexcept {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return {};
  return {.device = static_cast<std::uint64_t>(st.st_dev),
          .inode = static_cast<std::uint64_t>(st.st_ino),
          .size = static_cast<std::int64_t>(st.st_size),
          .modified_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

}  // namespace

PluginFile::PluginFile(int fd, std::filesystem::path real_path) noexcept
    : fd_(fd), real_path_(std::move(real_path)), identity_(identity_of(fd)) {}

PluginFile::PluginFile(PluginFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      real_path_(std::move(other.real_path_)),
      identity_(other.identity_) {}

PluginFile::~PluginFile() {
  if (fd_ >= 0) ::close(fd_);
}

void PluginFile::keep_open_until_exit() noexcept {
  fd_ = -1;
}

std::string PluginFile::loader_path() const {
  return "/proc/self/fd/" + std::to_string(fd_);
}

}  // namespace pricefeed::host
