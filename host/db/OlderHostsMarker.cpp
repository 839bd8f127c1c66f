#include "host/db/OlderHostsMarker.hpp"

#include "host/db/MigrationError.hpp"
#include "host/text/AsciiText.hpp"

namespace pricefeed::host {

namespace {

constexpr std::string_view kMarker = "-- older-hosts:";
constexpr std::string_view kSafe = "safe (";

}  // namespace

std::optional<std::string> older_hosts_safe_reason(std::string_view sql, std::string_view file_name) {
  std::size_t at = 0;
  while (at < sql.size()) {
    const std::size_t end = std::min(sql.find('\n', at), sql.size());
    const std::string_view line = trim_ascii_blanks(sql.substr(at, end - at));
    at = end + 1;
    if (!line.starts_with(kMarker)) continue;
    const std::string_view value = trim_ascii_blanks(line.substr(kMarker.size()));
    if (value.starts_with(kSafe) && value.ends_with(')') && value.size() > kSafe.size() + 1)
      return std::string(value.substr(kSafe.size(), value.size() - kSafe.size() - 1));
    throw MigrationError(std::string(file_name) + ": \"" + std::string(line) +
                         "\" is not a valid marker; write \"-- older-hosts: safe (why older hosts are not "
                         "affected)\", or remove the line if older hosts must stop first");
  }
  return std::nullopt;
}

}  // namespace pricefeed::host
