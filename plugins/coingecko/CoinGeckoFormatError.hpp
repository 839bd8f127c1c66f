#pragma once

// A CoinGecko answer that does not have the shape its endpoint promises ("prices[3]: expected
// [milliseconds, value]"). The parsers throw it with the JSON path; the client adds the URL and an
// excerpt of the body and reports it as transient: a cut-off or garbled body is worth a retry and is
// never read as data.

#include <stdexcept>

namespace pricefeed::coingecko {

class CoinGeckoFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pricefeed::coingecko
