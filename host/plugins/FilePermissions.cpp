#include "host/plugins/FilePermissions.hpp"

#include <cstdio>
#include <string>

#include "host/plugins/PluginLibrary.hpp"

namespace pricefeed::host {
namespace {

std::string octal_mode(std::filesystem::perms p) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(p) & 07777u);
  return buf;
}

void check(const std::filesystem::path& path, const char* what) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec) throw PluginRefused(std::string("cannot stat ") + what + " " + path.string() + ": " + ec.message());
  auto perms = status.permissions();
  // A directory with the sticky bit (like /tmp) still lets others add files, so it is refused too.
  if ((perms & std::filesystem::perms::others_write) != std::filesystem::perms::none) {
    throw PluginRefused(std::string(what) + " " + path.string() + " is writable by others (mode " +
                        octal_mode(perms) + "): run chmod o-w on it");
  }
}

}  // namespace

void check_not_writable_by_others(const std::filesystem::path& file) {
  check(file, "file");
  check(std::filesystem::absolute(file).parent_path(), "directory");
}

}  // namespace pricefeed::host
