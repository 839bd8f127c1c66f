// One tick of Mode 2: the forex pairs the portfolios need are tracked; the active tracked assets whose
// market is open (QuoteDue) are quoted (QuoteFetcher) and written (write_latest_prices); the
// portfolios of their holders are valued (PortfolioValuation). A failing source never stops the tick:
// its assets go to the next source, and what no source could quote is reported.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "host/calendar/ExchangeCalendars.hpp"
#include "host/config/Config.hpp"
#include "host/daemon/PortfolioValuation.hpp"
#include "host/daemon/QuoteFetcher.hpp"
#include "host/db/PricePartitions.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/quality/AnomalyChecks.hpp"

namespace pricefeed::host {

struct DaemonTickReport {
  std::size_t tracked = 0;        // active tracked assets, forex pairs included
  std::size_t due = 0;            // of those, quoted this tick
  std::size_t market_closed = 0;  // left for later: their market is closed
  std::size_t written = 0;        // latest prices written
  std::size_t anomalies = 0;      // day-over-day moves beyond the threshold found in today's bars
  std::vector<UnquotedAsset> unquoted;
  std::vector<RefusedQuote> refused;
  std::map<std::string, SourceQuoteStats> by_source;
  PortfolioValuationReport portfolios;
  std::chrono::milliseconds duration{0};
};

class DaemonTick {
 public:
  DaemonTick(const Config& config, const SourceRegistry& sources, const ExchangeCalendars& calendars);

  DaemonTickReport run(pqxx::connection& connection, std::chrono::sys_seconds now,
                       const std::atomic<bool>* cancelled = nullptr);

 private:
  // Forex pairs CCY+base for every currency held (prices and costs), created and tracked as needed.
  std::vector<std::int64_t> track_needed_forex_pairs(pqxx::connection& connection) const;
  // The anomaly checks of the daily bars the tick wrote (host/quality/AnomalyChecks).
  void check_anomalies(pqxx::connection& connection, const std::vector<std::int64_t>& written,
                       const std::atomic<bool>* cancelled, DaemonTickReport& report) const;

  const Config& config_;
  const ExchangeCalendars& calendars_;
  QuoteFetcher fetcher_;
  PortfolioValuation valuation_;
  AnomalyChecks anomalies_;
  PricePartitions partitions_;
};

}  // namespace pricefeed::host
