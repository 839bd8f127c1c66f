#include "host/plugins/FilePermissions.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace pricefeed::host {
namespace {

bool trusted_owner(uid_t owner) {
  return owner == 0 || owner == ::geteuid();
}

// A sticky directory lets only an entry's owner rename or remove it: others may add entries of their
// own, but cannot swap one of ours. So above the directory that holds the file, a sticky directory
// of a trusted owner (/tmp) is safe however writable; the directory holding the file is not, since
// the scanner would load what others add there.
bool sticky_above_the_file(const struct stat& st, bool holds_the_file) {
  return !holds_the_file && (st.st_mode & S_ISVTX) != 0 && trusted_owner(st.st_uid);
}

std::optional<UntrustedPath> judge(const struct stat& st, const std::filesystem::path& path,
                                   bool is_directory, bool holds_the_file = true) {
  UntrustedPath found{path, is_directory, UntrustedPath::Problem::wrong_type, st.st_uid, st.st_mode, 0};
  if (is_directory ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)) return found;
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0 && !sticky_above_the_file(st, holds_the_file)) {
    found.problem = UntrustedPath::Problem::writable;
    return found;
  }
  if (!trusted_owner(st.st_uid)) {
    found.problem = UntrustedPath::Problem::owned_by_another;
    return found;
  }
  return std::nullopt;
}

UntrustedPath cannot_stat(const std::filesystem::path& path, bool is_directory) {
  UntrustedPath found{path, is_directory, UntrustedPath::Problem::cannot_stat, 0, 0, errno};
  return found;
}

}  // namespace

std::optional<UntrustedPath> untrusted_file(int fd, const std::filesystem::path& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return cannot_stat(path, false);
  return judge(st, path, false);
}

std::optional<UntrustedPath> first_untrusted_directory(const std::filesystem::path& directory) {
  for (std::filesystem::path d = directory;; d = d.parent_path()) {
    // lstat: a component swapped for a symlink since it was resolved is refused, not followed.
    struct stat st {};
    if (::lstat(d.c_str(), &st) != 0) return cannot_stat(d, true);
    if (auto found = judge(st, d, true, d == directory)) return found;
    if (d == d.root_path()) return std::nullopt;
  }
}

}  // namespace pricefeed::host
