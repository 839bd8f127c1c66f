#pragma once

// One answer of Binance's REST API, and what a failed one means for the host:
//
//   {"code":-1121,"msg":"Invalid symbol."} (HTTP 400)     not_found, naming the symbol
//   -1003 TOO_MANY_REQUESTS, 429, 418                     rate_limited (the host normally reports
//                                                         429/418 itself, before the plugin sees them)
//   -1000 -1001 -1006 -1007 -1008 (Binance's own trouble), 5xx, 408    transient
//   451 (a restricted location), 403 (the WAF), other codes and 4xx  permanent: the same request will
//                                                         not do better later; the host moves on
//   a 200 whose body is not the documented JSON           transient, with an excerpt of the body
//
// Every message starts with the request ("binance: GET https://api.binance.com/api/v3/klines?...")
// and carries Binance's code and msg, or the first bytes of a body without them.

#include <optional>
#include <string>

#include <pricefeed/error.hpp>

#include "binance/BinanceFormatError.hpp"

namespace pricefeed::binance {

struct BinanceErrorBody {
  int code = 0;
  std::string msg;
};

struct BinanceAnswer {
  int status = 0;
  std::string body;
  std::string where;                       // "binance: GET <url without credentials>"
  std::optional<std::string> retry_after;  // the Retry-After header, when sent

  // Binance's {"code":...,"msg":...}, when the body is one.
  std::optional<BinanceErrorBody> error_body() const;
  // -1121: Binance does not know (one of) the symbol(s) asked for.
  bool invalid_symbol() const;

  // The error a non-200 answer stands for. `subject` names what was asked ("'BTC' (Binance BTCUSDT)").
  Error failure(const std::string& subject) const;
  // A 200 whose body the parser refused: transient, with the parser's reason and the body's first bytes.
  Error malformed(const std::string& what, const BinanceFormatError& reason) const;
};

}  // namespace pricefeed::binance
