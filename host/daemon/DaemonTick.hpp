// One tick of Mode 2: the forex pairs the portfolios need are tracked; the active tracked assets whose
// market is open (QuoteDue) and that are not live on a stream (StreamCoverage: their stream writes
// them) are claimed for the tick (QuoteClaims: with several hosts ticking at one
// boundary, each asset is quoted by one of them), quoted (QuoteFetcher) and written
// (write_latest_prices); the portfolios of their holders are valued (PortfolioValuation). A failing
// source never stops the tick: its assets go to the next source, and what no source could quote is
// reported.
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
#include "host/daemon/QuoteClaims.hpp"
#include "host/daemon/QuoteFetcher.hpp"
#include "host/db/PricePartitions.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/quality/AnomalyChecks.hpp"
#include "host/stream/StreamCoverage.hpp"

namespace pricefeed::host {

struct DaemonTickReport {
  std::size_t tracked = 0;            // active tracked assets, forex pairs included
  std::size_t due = 0;                // of those, due for a quote this tick
  std::size_t streamed = 0;           // of the due ones, live on a stream: left to it, not polled
  std::size_t claimed_elsewhere = 0;  // of the due ones, quoted at this tick by another host
  std::size_t market_closed = 0;      // left for later: their market is closed
  std::size_t written = 0;            // latest prices written
  std::size_t anomalies = 0;          // day-over-day moves beyond the threshold found in today's bars
  std::vector<UnquotedAsset> unquoted;
  std::vector<RefusedQuote> refused;
  std::map<std::string, SourceQuoteStats> by_source;
  PortfolioValuationReport portfolios;
  std::chrono::milliseconds duration{0};
};

class DaemonTick {
 public:
  // `host_id`: this host's id (hosts.id), in whose name the tick's assets are claimed. `streams`:
  // which assets are live on this host's streams, or null when it streams none; it must outlive the
  // tick.
  DaemonTick(const Config& config, const SourceRegistry& sources, const ExchangeCalendars& calendars,
             std::string host_id, const StreamCoverage* streams = nullptr);

  // `now`: the tick's instant; the tick belongs to the interval boundary at or before it.
  DaemonTickReport run(pqxx::connection& connection, std::chrono::sys_seconds now,
                       const std::atomic<bool>* cancelled = nullptr);

 private:
  // Forex pairs CCY+base for every currency held (prices and costs), created and tracked as needed.
  std::vector<std::int64_t> track_needed_forex_pairs(pqxx::connection& connection) const;
  // The anomaly checks of the daily bars the tick wrote (host/quality/AnomalyChecks).
  void check_anomalies(pqxx::connection& connection, const std::vector<std::int64_t>& written,
                       const std::atomic<bool>* cancelled, DaemonTickReport& report) const;

  const Config& config_;
  // The tick's due assets this host claims, chunk by chunk.
  std::vector<AssetIdentity> claim_due(pqxx::connection& connection, std::chrono::sys_seconds now,
                                       const std::vector<AssetIdentity>& due, DaemonTickReport& report) const;

  const ExchangeCalendars& calendars_;
  const StreamCoverage* streams_;
  QuoteClaims claims_;
  QuoteFetcher fetcher_;
  PortfolioValuation valuation_;
  AnomalyChecks anomalies_;
  PricePartitions partitions_;
};

}  // namespace pricefeed::host
