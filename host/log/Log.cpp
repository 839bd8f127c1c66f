#include "host/log/Log.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace pricefeed::host {
namespace {

std::atomic<LogFormat> g_format{LogFormat::text};

// Numbers stay numbers in JSON so that log queries can compare them (duration_ms > 1000).
nlohmann::ordered_json field_value(const std::string& value) {
  if (!value.empty() && value.size() < 20 && value.find_first_not_of("-0123456789.") == std::string::npos) {
    try {
      std::size_t used = 0;
      if (value.find('.') == std::string::npos) {
        long long n = std::stoll(value, &used);
        if (used == value.size()) return n;
      } else {
        double d = std::stod(value, &used);
        if (used == value.size()) return d;
      }
    } catch (const std::exception&) {
    }
  }
  return value;
}

}  // namespace

void configure_logging(LogFormat format, spdlog::level::level_enum level) {
  g_format = format;
  auto logger =
      std::make_shared<spdlog::logger>("pricefeed", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (format == LogFormat::json) {
    // The message part (%v) is already the rest of a JSON object, escaped by nlohmann.
    logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
  } else {
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v", spdlog::pattern_time_type::local);
  }
  logger->set_level(level);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

LogFormat parse_log_format(std::string_view name) {
  if (name == "json") return LogFormat::json;
  if (name == "text") return LogFormat::text;
  throw std::invalid_argument("unknown log format \"" + std::string(name) + "\" (expected json or text)");
}

void log(spdlog::level::level_enum level, std::string_view message, const LogFields& fields) {
  auto logger = spdlog::default_logger_raw();
  if (!logger->should_log(level)) return;
  std::string line;
  if (g_format == LogFormat::json) {
    nlohmann::ordered_json rest = nlohmann::ordered_json::object();
    rest["msg"] = message;
    for (const LogField& f : fields)
      rest[f.key] = field_value(f.value);
    line = rest.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    line = line.substr(1, line.size() - 2);  // the braces come from the pattern
  } else {
    line.assign(message);
    for (const LogField& f : fields) {
      line += ' ';
      line += f.key;
      line += '=';
      line += f.value.find(' ') == std::string::npos ? f.value : '"' + f.value + '"';
    }
  }
  logger->log(level, "{}", line);
}

}  // namespace pricefeed::host
