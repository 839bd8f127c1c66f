#pragma once

// YahooQuoteParser reads the body of Yahoo's v7 quote endpoint (/v7/finance/quote?symbols=A,B) into a
// YahooQuoteAnswer: {"quoteResponse":{"result":[{...},...],"error":null}}. Yahoo leaves unknown
// symbols out of result, so an entry is only ever about an instrument it knows.
//
// Errors are pricefeed::Error: permanent for quoteResponse.error (or finance.error) set or a missing
// part of the structure, naming the JSON path; transient for a body that is not JSON (cut off or
// garbled). A single entry that cannot become a quote (no regularMarketPrice, a string where a number
// belongs) is left out with a warning.

#include <string_view>

#include <nlohmann/json.hpp>

#include "yahoo-api/YahooQuote.hpp"

namespace pricefeed::yahoo {

class YahooQuoteParser {
 public:
  YahooQuoteAnswer parse(const nlohmann::json& body) const;
  // The same from the raw body; text that is not JSON is a transient error quoting its first bytes.
  YahooQuoteAnswer parse_text(std::string_view body) const;
};

}  // namespace pricefeed::yahoo
