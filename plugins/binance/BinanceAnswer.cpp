#include "binance/BinanceAnswer.hpp"

#include <chrono>
#include <cstdlib>
#include <limits>

#include <nlohmann/json.hpp>

#include "upstream/BodyExcerpt.hpp"

namespace pricefeed::binance {

namespace {

constexpr int kInvalidSymbol = -1121;
constexpr int kTooManyRequests = -1003;

// Binance's own trouble (errors.md, 10xx): unknown error, disconnected, unexpected response from the
// message bus, backend timeout, server busy. Worth asking again later.
bool binance_side(int code) {
  return code == -1000 || code == -1001 || code == -1006 || code == -1007 || code == -1008;
}

// Retry-After is whole seconds at Binance; anything unreadable falls back to a minute, the length of
// Binance's weight window.
std::chrono::milliseconds retry_after_of(const std::optional<std::string>& header) {
  if (header && !header->empty() && header->find_first_not_of("0123456789") == std::string::npos &&
      header->size() <= 9) {
    return std::chrono::seconds(std::strtol(header->c_str(), nullptr, 10));
  }
  return std::chrono::seconds(60);
}

}  // namespace

std::optional<BinanceErrorBody> BinanceAnswer::error_body() const {
  const nlohmann::json document = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) return std::nullopt;
  const auto code = document.find("code");
  const auto msg = document.find("msg");
  if (code == document.end() || !code->is_number_integer() || msg == document.end() || !msg->is_string()) {
    return std::nullopt;
  }
  const auto value = code->get<std::int64_t>();
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) return std::nullopt;
  return BinanceErrorBody{static_cast<int>(value), msg->get<std::string>()};
}

bool BinanceAnswer::invalid_symbol() const {
  const auto error = error_body();
  return error && error->code == kInvalidSymbol;
}

Error BinanceAnswer::failure(const std::string& subject) const {
  const auto error = error_body();
  const std::string answered = where + " answered HTTP " + std::to_string(status);
  const std::string explained = error
                                    ? "Binance error " + std::to_string(error->code) + " '" + error->msg + "'"
                                    : upstream::body_excerpt(body);

  if (error && error->code == kInvalidSymbol) {
    return Error::not_found(answered + ": Binance does not list " + subject + " (" + explained + ")");
  }
  if (status == 429 || status == 418 || (error && error->code == kTooManyRequests)) {
    return Error::rate_limited(answered + ", Binance refuses more requests for now: " + explained,
                               retry_after_of(retry_after));
  }
  if (status >= 500 || status == 408 || (error && binance_side(error->code))) {
    return Error::transient(answered + ", Binance is failing for now: " + explained);
  }
  if (status == 451) {
    return Error::permanent(
        answered + ", Binance refuses service to this location (a restricted country): " + explained);
  }
  if (status == 403) {
    return Error::permanent(answered +
                            ", Binance's web application firewall refuses this client: " + explained);
  }
  return Error::permanent(answered + " for " + subject + ": " + explained);
}

Error BinanceAnswer::malformed(const std::string& what, const BinanceFormatError& reason) const {
  return Error::transient(where + " answered HTTP " + std::to_string(status) + " with a body that is not " +
                          what + " (" + reason.what() + "): " + upstream::body_excerpt(body));
}

}  // namespace pricefeed::binance
