#pragma once

// How CoinGecko explains a refusal in a body. Three shapes are in use, whatever the HTTP status:
//   {"status":{"error_code":429,"error_message":"You've exceeded the Rate Limit..."}}       (429, 401)
//   {"error":{"status":{"timestamp":"...","error_code":10012,"error_message":"..."}}}        (10012)
//   {"error":"coin not found"}                                                              (404, 400)
// Codes that matter to pricefeed: 10012 (the public/demo API's 365-day history limit), 10002 (key
// missing), 10010/10011 (a Pro key on the public host or a demo key on the Pro host), 10005 (the
// endpoint is not in the plan), 429.

#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::coingecko {

// Error 10012: "Public API users are limited to querying historical data within the past 365 days".
inline constexpr int kHistoryLimitErrorCode = 10012;

struct CoinGeckoErrorBody {
  std::optional<int> code;  // status.error_code; none for the {"error":"..."} shape
  std::string message;      // status.error_message, or the "error" string

  // "error 10012: Your request exceeds..." or "coin not found".
  std::string describe() const;
};

// The explanation in `body`, or nullopt when the body is not one of the shapes above (data, HTML,
// not JSON at all).
std::optional<CoinGeckoErrorBody> read_coingecko_error(std::string_view body);

}  // namespace pricefeed::coingecko
