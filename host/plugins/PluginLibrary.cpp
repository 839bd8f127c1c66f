#include "host/plugins/PluginLibrary.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <regex>
#include <string>

#include <boost/dll/shared_library_load_mode.hpp>

#include "host/plugins/FilePermissions.hpp"
#include "host/plugins/PluginDescriptor.hpp"
#include "host/plugins/PluginFile.hpp"

namespace pricefeed::host {
namespace {

std::string user_text(uid_t uid) {
  passwd entry{};
  passwd* found = nullptr;
  std::array<char, 4096> strings{};
  if (::getpwuid_r(uid, &entry, strings.data(), strings.size(), &found) == 0 && found != nullptr) {
    return std::string(found->pw_name) + " (uid " + std::to_string(uid) + ")";
  }
  return "uid " + std::to_string(uid);
}

// Who may own a plugin and the directories above it, and who alone may be able to write them.
std::string trusted_users() {
  const uid_t self = ::geteuid();
  return self == 0 ? std::string("root") : "root or " + user_text(self) + ", the user pricefeed runs as";
}

std::string octal_mode(mode_t mode) {
  std::array<char, 8> text{};
  std::snprintf(text.data(), text.size(), "%04o", static_cast<unsigned>(mode & 07777));
  return text.data();
}

// The refusal for a file or directory someone other than root or pricefeed's user could change, with
// what the operator does about it.
std::string untrusted_reason(const UntrustedPath& found) {
  const std::string path = found.path.string();
  const std::string what = (found.is_directory ? "directory " : "file ") + path;
  switch (found.problem) {
    case UntrustedPath::Problem::cannot_stat:
      return "cannot stat " + what + ": " + std::strerror(found.error);
    case UntrustedPath::Problem::wrong_type:
      return what + (found.is_directory ? " is no longer a directory" : " is not a regular file");
    case UntrustedPath::Problem::writable: {
      const bool group = (found.mode & S_IWGRP) != 0;
      const bool others = (found.mode & S_IWOTH) != 0;
      const std::string reason = what + " is writable by " +
                                 (group && others ? "its group and others"
                                  : group         ? "its group"
                                                  : "others") +
                                 " (mode " + octal_mode(found.mode) + ")";
      if (found.is_directory && others && (found.mode & S_ISVTX) != 0) {
        // A shared directory like /tmp: its mode is right for what it is, the plugin is in the wrong place.
        return reason +
               ": the sticky bit still lets anyone add files there; keep plugins in a directory only " +
               trusted_users() + " can write, such as /usr/lib/pricefeed/plugins";
      }
      return reason + ": run chmod " + (group && others ? "go-w " : group ? "g-w " : "o-w ") + path;
    }
    case UntrustedPath::Problem::owned_by_another:
      return what + " is owned by " + user_text(found.owner) + ", not by " + trusted_users() +
             ": run chown root " + path + (found.is_directory ? ", or move the plugin out of it" : "");
  }
  return what + " cannot be trusted";
}

// Boost.DLL wraps dlerror() in its own prose; the operator needs only dlerror's words, about the file
// they know rather than the /proc/self/fd name it was loaded by.
std::string dl_reason(const std::exception& e, const PluginFile& file) {
  std::string what = e.what();
  static const std::string kMarker = "dlerror system message: ";
  auto at = what.find(kMarker);
  std::string reason = what;
  if (at != std::string::npos) {
    reason = what.substr(at + kMarker.size());
    auto close = reason.rfind(')');
    if (close != std::string::npos) reason.resize(close);
  }
  const std::string loader_path = file.loader_path();
  for (auto named = reason.find(loader_path); named != std::string::npos; named = reason.find(loader_path)) {
    reason.replace(named, loader_path.size(), file.real_path().string());
  }
  return reason;
}

const std::string kHostAbi = abi_version_text(PRICEFEED_ABI_VERSION);

void check_descriptor(const pricefeed_source_descriptor& d) {
  if (d.name == nullptr || *d.name == '\0') throw PluginRefused("descriptor has no name");
  static const std::string kNamePattern = "[a-z0-9_-]{1," + std::to_string(PRICEFEED_MAX_NAME_LENGTH) + "}";
  static const std::regex kName(kNamePattern);
  if (!std::regex_match(d.name, kName)) {
    throw PluginRefused(std::string("descriptor name \"") + d.name + "\" is not " + kNamePattern);
  }
  if (d.create == nullptr || d.destroy == nullptr) throw PluginRefused("descriptor lacks create or destroy");
  auto require = [&](std::uint32_t cap, const void* fn, const char* what) {
    if ((d.capabilities & cap) != 0 && fn == nullptr) {
      throw PluginRefused(std::string("descriptor declares ") + capability_names(cap) + " but has no " +
                          what);
    }
  };
  require(PRICEFEED_CAP_HISTORY, reinterpret_cast<const void*>(d.fetch_history), "fetch_history");
  require(PRICEFEED_CAP_QUOTES, reinterpret_cast<const void*>(d.fetch_quotes), "fetch_quotes");
  require(PRICEFEED_CAP_CATALOG, reinterpret_cast<const void*>(d.list_assets), "list_assets");
  require(PRICEFEED_CAP_RESOLVE_SYMBOL, reinterpret_cast<const void*>(d.resolve_symbol), "resolve_symbol");
  require(PRICEFEED_CAP_STREAM, reinterpret_cast<const void*>(d.stream_subscribe), "stream_subscribe");
  require(PRICEFEED_CAP_STREAM, reinterpret_cast<const void*>(d.stream_frame), "stream_frame");
  if ((d.capabilities & PRICEFEED_CAP_QUOTES) != 0 && d.max_quote_batch == 0) {
    throw PluginRefused("descriptor declares quotes with max_quote_batch 0");
  }
}

}  // namespace

PluginFile PluginLibrary::open_checked(const std::filesystem::path& file) {
  std::error_code ec;
  const std::filesystem::path real = std::filesystem::canonical(file, ec);
  if (ec) throw PluginRefused("cannot resolve file " + file.string() + ": " + ec.message());
  // O_NOFOLLOW: had the last part of the resolved path become a symlink since, it is refused, not followed.
  // O_NONBLOCK: a FIFO named *.so is refused below instead of stalling start-up until someone writes to it.
  const int fd = ::open(real.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw PluginRefused("cannot open file " + real.string() + ": " + std::strerror(errno));
  PluginFile opened(fd, real);

  // A symlink is judged by what it resolves to; the folder holding the link is judged too, since
  // whoever can write it can point the link elsewhere.
  const std::string resolved_from = real == std::filesystem::absolute(file).lexically_normal()
                                        ? ""
                                        : file.string() + " -> " + real.string() + ": ";
  auto found = untrusted_file(fd, real);
  if (!found) found = first_untrusted_directory(real.parent_path());
  if (!found) {
    const auto link_folder = std::filesystem::canonical(std::filesystem::absolute(file).parent_path(), ec);
    if (ec) throw PluginRefused("cannot resolve directory of " + file.string() + ": " + ec.message());
    if (link_folder != real.parent_path()) found = first_untrusted_directory(link_folder);
  }
  if (found) throw PluginRefused(resolved_from + untrusted_reason(*found));
  return opened;
}

PluginLibrary::~PluginLibrary() {
  library_.unload();
  // dlopen looks a name up among the loaded libraries before it opens anything. A library dlclose
  // left in memory (g++'s unique symbols make a C++ library undeletable) keeps the name
  // /proc/self/fd/N, so N must never name another file: its descriptor stays open until exit.
  if (void* resident = ::dlopen(file_.loader_path().c_str(), RTLD_LAZY | RTLD_NOLOAD)) {
    ::dlclose(resident);
    file_.keep_open_until_exit();
  }
}

std::shared_ptr<PluginLibrary> PluginLibrary::load(const std::filesystem::path& file,
                                                   const pricefeed_host_api* host) {
  return load(open_checked(file), host);
}

std::shared_ptr<PluginLibrary> PluginLibrary::load(PluginFile file, const pricefeed_host_api* host) {
  std::shared_ptr<PluginLibrary> lib(new PluginLibrary(std::move(file)));
  try {
    // The open file itself, not its path: what was checked is what is loaded.
    lib->library_.load(boost::dll::fs::path(lib->file_.loader_path()),
                       boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    throw PluginRefused("not a loadable shared library: " + dl_reason(e, lib->file_));
  }

  if (!lib->library_.has(PRICEFEED_ABI_VERSION_SYMBOL)) {
    throw PluginRefused(
        "no pricefeed_abi_version symbol: not a pricefeed plugin (see docs/writing-a-plugin.md)");
  }
  lib->abi_version_ = lib->library_.get<std::uint32_t()>(PRICEFEED_ABI_VERSION_SYMBOL)();
  const std::string plugin_abi = abi_version_text(lib->abi_version_);
  if (PRICEFEED_ABI_MAJOR_OF(lib->abi_version_) != PRICEFEED_ABI_MAJOR) {
    throw PluginRefused("built for ABI " + plugin_abi + " but this host speaks ABI " + kHostAbi +
                        ": rebuild the plugin against SDK " + std::to_string(PRICEFEED_ABI_MAJOR) + ".x");
  }
  if (PRICEFEED_ABI_MINOR_OF(lib->abi_version_) > PRICEFEED_ABI_MINOR) {
    throw PluginRefused("built for ABI " + plugin_abi + ", newer than this host's ABI " + kHostAbi +
                        ": upgrade pricefeed or rebuild the plugin against SDK " + kHostAbi);
  }

  if (!lib->library_.has(PRICEFEED_PLUGIN_ENTRY_SYMBOL)) {
    throw PluginRefused("no pricefeed_plugin_entry symbol (ABI " + plugin_abi + ")");
  }
  const pricefeed_source_descriptor* given = nullptr;
  auto entry =
      lib->library_.get<std::int32_t(const pricefeed_host_api*, const pricefeed_source_descriptor**)>(
          PRICEFEED_PLUGIN_ENTRY_SYMBOL);
  if (std::int32_t rc = entry(host, &given); rc != 0) {
    throw PluginRefused("pricefeed_plugin_entry failed with code " + std::to_string(rc));
  }
  if (given == nullptr) throw PluginRefused("pricefeed_plugin_entry returned no descriptor");

  // OBS-style: a descriptor larger than this host knows carries fields it cannot honour.
  if (given->struct_size > sizeof(pricefeed_source_descriptor)) {
    throw PluginRefused("descriptor is " + std::to_string(given->struct_size) + " bytes, larger than the " +
                        std::to_string(sizeof(pricefeed_source_descriptor)) +
                        " this host knows: the plugin needs a newer pricefeed");
  }
  if (given->struct_size < kDescriptorV1_0Size) {
    throw PluginRefused("descriptor is " + std::to_string(given->struct_size) +
                        " bytes, smaller than ABI 1.0's " + std::to_string(kDescriptorV1_0Size) +
                        ": the plugin is damaged or pre-release");
  }
  // Only the members of the plugin's own ABI version: a 1.0 plugin's descriptor has no 1.1 fields,
  // whatever its struct_size says, so they stay zero (absent) here.
  const std::size_t known = std::min<std::size_t>(
      given->struct_size, descriptor_size_of_minor(PRICEFEED_ABI_MINOR_OF(lib->abi_version_)));
  std::memcpy(&lib->descriptor_, given, known);
  lib->descriptor_.struct_size = sizeof(pricefeed_source_descriptor);
  if (PRICEFEED_ABI_MINOR_OF(lib->abi_version_) == 0 &&
      (lib->descriptor_.capabilities & PRICEFEED_CAP_STREAM)) {
    throw PluginRefused(
        "built for ABI 1.0 but declares stream, a capability of ABI 1.1: rebuild it against SDK " + kHostAbi);
  }
  check_descriptor(lib->descriptor_);
  return lib;
}

}  // namespace pricefeed::host
