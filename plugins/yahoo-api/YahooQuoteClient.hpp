#pragma once

// Yahoo's v7 quote endpoint through the host's HTTP service:
//
//   GET {base_url}/v7/finance/quote?symbols=AAPL%2CGC%3DF&crumb=...   Cookie: A3=...
//
// with the session of a YahooCrumbSession. A 401 means Yahoo no longer accepts the crumb: the session
// is renewed once and the request sent once more; a second 401 is permanent (Yahoo refuses this
// client, not just a stale crumb). 404 is not_found (none of the tickers known), 5xx and 408 are
// transient, other statuses permanent; 429 is the host's (rate_limited). Error messages name the URL
// with the crumb left out.

#include <cstddef>
#include <string>
#include <vector>

#include <pricefeed/host.hpp>

#include "yahoo-api/YahooCrumbSession.hpp"
#include "yahoo-api/YahooEndpointConfig.hpp"
#include "yahoo-api/YahooQuote.hpp"

namespace pricefeed::yahoo {

class YahooQuoteClient {
 public:
  // Symbols per request. Yahoo has answered more than about 100 with errors since March 2025
  // (quantmod issue 432: "yahoo servers are throwing an error on quote request for > 99 symbols";
  // yahoo-finance2 issue 901 stopped batching more than 100), so 50 keeps well clear of that limit
  // and of URL-length limits, while one daemon tick of 10,000 assets still needs only 200 requests.
  static constexpr std::size_t kMaxBatch = 50;

  YahooQuoteClient(const YahooEndpointConfig& config, std::string label)
      : config_(config), label_(label), session_(config, std::move(label)) {}

  // The quotes Yahoo has for the tickers (at most kMaxBatch, not empty). Tickers Yahoo does not
  // know are simply absent from the answer.
  YahooQuoteAnswer fetch(const Host& host, const std::vector<std::string>& tickers) const;

  const std::string& label() const noexcept { return label_; }

 private:
  const YahooEndpointConfig& config_;
  const std::string label_;
  const YahooCrumbSession session_;
};

}  // namespace pricefeed::yahoo
