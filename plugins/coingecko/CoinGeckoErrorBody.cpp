#include "coingecko/CoinGeckoErrorBody.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

namespace pricefeed::coingecko {

namespace {

using nlohmann::json;

// {"error_code":..., "error_message":...}: either member may be missing or of another type.
std::optional<CoinGeckoErrorBody> from_status(const json& status) {
  if (!status.is_object()) return std::nullopt;
  CoinGeckoErrorBody out;
  const auto code = status.find("error_code");
  if (code != status.end() && code->is_number()) {
    const double value = code->get<double>();
    if (std::isfinite(value) && std::fabs(value) < 1e9) out.code = static_cast<int>(value);
  }
  const auto message = status.find("error_message");
  if (message != status.end() && message->is_string()) out.message = message->get<std::string>();
  if (!out.code && out.message.empty()) return std::nullopt;
  return out;
}

}  // namespace

std::string CoinGeckoErrorBody::describe() const {
  std::string text = message;
  // CoinGecko's messages end with a space or a full stop and a space; a log line should not.
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n'))
    text.pop_back();
  if (!code) return text;
  return "error " + std::to_string(*code) + (text.empty() ? "" : ": " + text);
}

std::optional<CoinGeckoErrorBody> read_coingecko_error(std::string_view body) {
  // Data bodies can be megabytes (/coins/list); only a body that names an error is worth parsing.
  if (body.find("\"error") == std::string_view::npos) return std::nullopt;
  const json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) return std::nullopt;
  if (const auto status = document.find("status"); status != document.end()) {
    if (auto found = from_status(*status)) return found;
  }
  const auto error = document.find("error");
  if (error == document.end()) return std::nullopt;
  if (error->is_string()) return CoinGeckoErrorBody{std::nullopt, error->get<std::string>()};
  if (error->is_object()) {
    if (const auto status = error->find("status"); status != error->end()) return from_status(*status);
  }
  return std::nullopt;
}

}  // namespace pricefeed::coingecko
