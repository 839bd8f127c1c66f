#pragma once

// The ECB's reference rates from the ECB Data Portal's SDMX API, EXR dataflow, as CSV
// (https://data-api.ecb.europa.eu/service):
//   history  GET {base_url}/data/EXR/D.USD+GBP.EUR.SP00.A?startPeriod=..&endPeriod=..&format=csvdata
//            &detail=dataonly
//   latest   GET {base_url}/data/EXR/D.USD+GBP+JPY.EUR.SP00.A?lastNObservations=1&format=csvdata
//            &detail=dataonly
//   catalog  GET {base_url}/data/EXR/D..EUR.SP00.A?lastNObservations=1&format=csvdata (full detail:
//            the TITLE column names each currency)
// The ECB publishes X per 1 EUR only: a pair without the euro is a cross of two series, fetched in one
// request (the key's "USD+GBP") and divided on the dates both have (EuroCrossRates).
//
// The ECB answers 404 ("No results found") whenever a query matches no observation: an unknown
// currency, but also a range of weekend and holiday days. A follow-up request for each missing
// series' last observation (no period) tells them apart: no series -> not_found naming the currency;
// a series that ended before the range -> a missing range; otherwise the range simply had no working
// day (or, when it is longer than any TARGET closure, a hole in the series -> a missing range).

#include <map>
#include <string>
#include <vector>

#include "forex/RateBackend.hpp"

namespace pricefeed::forex {

class EcbBackend final : public RateBackend {
 public:
  explicit EcbBackend(std::string base_url) : base_url_(std::move(base_url)) {}

  PairHistory history(const Host& host, const CurrencyPair& pair, Day first, Day last) const override;
  std::vector<LatestRate> latest(const Host& host, const std::vector<CurrencyPair>& pairs) const override;
  std::vector<PublishedCurrency> currencies(const Host& host) const override;

  // The EXR series key of the daily euro reference rates of these currencies ("D.USD+GBP.EUR.SP00.A";
  // "D..EUR.SP00.A" for all of them).
  static std::string series_key(std::vector<std::string> currencies);
  std::string history_url(const std::vector<std::string>& currencies, Day first, Day last) const;
  std::string last_observation_url(const std::vector<std::string>& currencies, bool full_detail) const;

 private:
  // The last observation of each currency's series that exists; currencies without one are absent.
  std::map<std::string, DailyRate> last_observations(const Host& host,
                                                     const std::vector<std::string>& currencies) const;

  const std::string base_url_;
};

}  // namespace pricefeed::forex
