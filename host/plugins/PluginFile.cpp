#include "host/plugins/PluginFile.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <utility>

namespace pricefeed::host {

PluginFile::PluginFile(int fd, std::filesystem::path real_path) noexcept
    : fd_(fd), real_path_(std::move(real_path)) {}

PluginFile::PluginFile(PluginFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), real_path_(std::move(other.real_path_)) {}

PluginFile::~PluginFile() {
  if (fd_ < 0) return;
  // dlopen looks a name up among the loaded libraries before it opens anything. A library dlclose
  // left in memory (g++'s unique symbols make a C++ library undeletable) keeps the name
  // /proc/self/fd/N, so N must never name another file: such a descriptor stays open until exit.
  if (void* resident = ::dlopen(loader_path().c_str(), RTLD_LAZY | RTLD_NOLOAD)) {
    ::dlclose(resident);
    return;
  }
  ::close(fd_);
}

std::string PluginFile::loader_path() const {
  return "/proc/self/fd/" + std::to_string(fd_);
}

}  // namespace pricefeed::host
