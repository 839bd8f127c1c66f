// Structured logging for the host: one JSON object per line (ts, level, msg, then fields such as
// source, asset_id, job_id, duration_ms), or a readable line for a person at a terminal.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <spdlog/common.h>

namespace pricefeed::host {

enum class LogFormat { json, text };

struct LogField {
  std::string key;
  std::string value;
};
using LogFields = std::vector<LogField>;

// Installs the process-wide logger writing to stderr (stdout stays for command output).
void configure_logging(LogFormat format, spdlog::level::level_enum level = spdlog::level::info);

// Parses "json" / "text"; throws std::invalid_argument naming the bad value.
LogFormat parse_log_format(std::string_view name);

void log(spdlog::level::level_enum level, std::string_view message, const LogFields& fields = {});

inline void log_info(std::string_view message, const LogFields& fields = {}) {
  log(spdlog::level::info, message, fields);
}
inline void log_warn(std::string_view message, const LogFields& fields = {}) {
  log(spdlog::level::warn, message, fields);
}
inline void log_error(std::string_view message, const LogFields& fields = {}) {
  log(spdlog::level::err, message, fields);
}

}  // namespace pricefeed::host
