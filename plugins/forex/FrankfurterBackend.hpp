#pragma once

// The ECB's reference rates through Frankfurter's v1 JSON API (https://api.frankfurter.dev/v1):
//   history  GET {base_url}/{start}..{end}?base=GBP&symbols=USD
//   latest   GET {base_url}/latest?base=EUR&symbols=USD,GBP   (one request per base currency)
//   catalog  GET {base_url}/currencies
// Frankfurter computes a cross (GBPUSD) from the euro rates itself and rounds it to its quotation
// precision (4 decimals around 1, fewer for large rates); euro pairs are the ECB's figures as published.
//
// A 404 means Frankfurter has no rate at all for the request: an unknown currency, or a range in
// which a known one has none. /currencies (kept a day in the host's cache) tells the two apart:
// the first is not_found naming the currency, the second a missing range.

#include <string>
#include <vector>

#include "forex/FrankfurterParser.hpp"
#include "forex/RateBackend.hpp"

namespace pricefeed::forex {

class FrankfurterBackend final : public RateBackend {
 public:
  explicit FrankfurterBackend(std::string base_url) : base_url_(std::move(base_url)) {}

  PairHistory history(const Host& host, const CurrencyPair& pair, Day first, Day last) const override;
  std::vector<LatestRate> latest(const Host& host, const std::vector<CurrencyPair>& pairs) const override;
  std::vector<PublishedCurrency> currencies(const Host& host) const override;

  std::string range_url(const CurrencyPair& pair, Day first, Day last) const;
  std::string latest_url(const std::string& base, const std::vector<std::string>& quotes) const;
  std::string currencies_url() const;

 private:
  // From the host's cache when allowed and fresh, else asked (and cached for a day).
  CurrencyNames currency_names(const Host& host, bool allow_cached) const;

  const std::string base_url_;
};

}  // namespace pricefeed::forex
