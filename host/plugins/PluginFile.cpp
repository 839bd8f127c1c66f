#include "host/plugins/PluginFile.hpp"

#include <unistd.h>

#include <utility>

namespace pricefeed::host {

PluginFile::PluginFile(int fd, std::filesystem::path real_path) noexcept
    : fd_(fd), real_path_(std::move(real_path)), state_(plugin_file_state(fd)) {}

PluginFile::PluginFile(PluginFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), real_path_(std::move(other.real_path_)), state_(other.state_) {}

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
