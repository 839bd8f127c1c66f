#pragma once

// The ECB's reference rates through Frankfurter's v1 JSON API (https://api.frankfurter.dev/v1):
//   history  GET {base_url}/{start}..{end}?base=EUR&symbols=GBP,USD
//   latest   GET {base_url}/latest?base=EUR&symbols=GBP,JPY,USD   (one request for a whole batch)
//   catalog  GET {base_url}/currencies
// Always against the euro, as the ECB publishes them: a cross or an inverse is computed here from the
// euro rates in full precision (EuroCrossRates), exactly as the ECB backend does. Frankfurter could
// rebase itself (base=GBP), but it rounds a rebased rate to five decimals, which leaves JPY/EUR
// (0.00594) three significant digits and IDR pairs two.
//
// A currency missing from an answer (or a 404, Frankfurter's answer when nothing at all matches) is
// an unknown currency, or a range in which a known one has no rate. /currencies, kept a day in the
// host's cache, tells them apart: the first is not_found naming the currency, the second a missing
// range (when longer than any run of TARGET closing days).

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

  // The euro rates of these currencies (listed in alphabetical order: one URL per set).
  std::string range_url(std::vector<std::string> currencies, Day first, Day last) const;
  std::string latest_url(std::vector<std::string> currencies) const;
  std::string currencies_url() const;

 private:
  // From the host's cache when allowed and fresh, else asked (and cached for a day).
  CurrencyNames currency_names(const Host& host, bool allow_cached) const;

  const std::string base_url_;
};

}  // namespace pricefeed::forex
