// Structured logging for the host: one JSON object per line (ts, level, msg, then fields such as
// source, asset_id, job_id, duration_ms), or a readable line for a person at a terminal.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <spdlog/common.h>

namespace pricefeed::host {

enum class LogFormat { json, text };

// A field's value keeps its type, so that JSON log queries can compare numbers (duration_ms > 1000).
struct LogField {
  using Value = std::variant<std::string, std::int64_t, double>;

  LogField(std::string k, std::string v) : key(std::move(k)), value(std::move(v)) {}
  LogField(std::string k, std::string_view v) : key(std::move(k)), value(std::string(v)) {}
  LogField(std::string k, const char* v) : key(std::move(k)), value(std::string(v)) {}
  template <class N>
  requires std::is_arithmetic_v<N> LogField(std::string k, N v) : key(std::move(k)) {
    if constexpr (std::is_floating_point_v<N>) {
      value = static_cast<double>(v);
    } else {
      value = static_cast<std::int64_t>(v);
    }
  }

  std::string key;
  Value value;
};
using LogFields = std::vector<LogField>;

// Installs the process-wide logger writing to stderr (stdout stays for command output), or to `sink`.
void configure_logging(LogFormat format, spdlog::level::level_enum level = spdlog::level::info,
                       spdlog::sink_ptr sink = nullptr);

// Parses "json" / "text"; throws std::invalid_argument naming the bad value.
LogFormat parse_log_format(std::string_view name);

// Every line is redacted on its way out (host/redaction): the message and the text fields lose
// registered secret values and the secrets of any URL in them, whoever wrote them.
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
