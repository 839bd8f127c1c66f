// Who could change a file before the host loads it: the file's owner, its group and others if its
// mode lets them, and the same for every directory above it, since whoever can write a directory can
// replace what it holds. Only root and the user the host runs as are trusted.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>

namespace pricefeed::host {

// One file or directory someone other than root or this process's user could change, and why.
// PluginLibrary.cpp words each case as a refusal.
struct UntrustedPath {
  enum class Problem {
    cannot_stat,       // `error` holds errno
    wrong_type,        // not a regular file, or a directory that is not one any more
    writable,          // by its group or by others (`mode` says which)
    owned_by_another,  // `owner` is neither root nor geteuid()
  };

  std::filesystem::path path;
  bool is_directory = false;
  Problem problem = Problem::cannot_stat;
  uid_t owner = 0;
  mode_t mode = 0;
  int error = 0;
};

// The open file `fd`, which the operator knows as `path`, judged by fstat: what is judged is what
// will be loaded.
std::optional<UntrustedPath> untrusted_file(int fd, const std::filesystem::path& path);

// `directory` (absolute, symlinks resolved; the one holding the file) and each directory above it up
// to /, nearest first; the first untrusted one. `directory` itself may not be writable by group or
// others even when sticky: anyone could add a plugin to it. Above it, a sticky directory owned by
// root or this user (/tmp) is trusted: nobody else can rename or remove the entry that leads down.
std::optional<UntrustedPath> first_untrusted_directory(const std::filesystem::path& directory);

}  // namespace pricefeed::host
