#include "host/log/Log.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "host/redaction/TextRedaction.hpp"

namespace pricefeed::host {
namespace {

std::atomic<LogFormat> g_format{LogFormat::text};

std::string text_of(const LogField::Value& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return redact_text(*s);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  return fmt::format("{}", std::get<double>(value));
}

}  // namespace

void configure_logging(LogFormat format, spdlog::level::level_enum level, spdlog::sink_ptr sink) {
  g_format = format;
  if (!sink) sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("pricefeed", std::move(sink));
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
    rest["msg"] = redact_text(message);
    for (const LogField& f : fields) {
      if (std::holds_alternative<std::string>(f.value)) {
        rest[f.key] = text_of(f.value);
      } else {
        std::visit([&](const auto& v) { rest[f.key] = v; }, f.value);
      }
    }
    line = rest.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    line = line.substr(1, line.size() - 2);  // the braces come from the pattern
  } else {
    line = redact_text(message);
    for (const LogField& f : fields) {
      line += ' ';
      line += f.key;
      line += '=';
      std::string text = text_of(f.value);
      line += text.find(' ') == std::string::npos ? text : '"' + text + '"';
    }
  }
  logger->log(level, "{}", line);
}

}  // namespace pricefeed::host
