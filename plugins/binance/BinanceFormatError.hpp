#pragma once

// An answer that is not what Binance documents: not JSON, a truncated body, a field of the wrong type.
// The parsers name the JSON path of what was wrong ("klines[3][4]: expected a decimal string, got a
// number"); the client adds the URL and an excerpt of the body and reports it as transient, since
// such an answer is a broken delivery far more often than a changed API.

#include <stdexcept>

namespace pricefeed::binance {

class BinanceFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pricefeed::binance
