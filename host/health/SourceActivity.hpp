// What the database says about each source's recent work, for GET /health/sources and the metrics:
// when it last delivered (a completed backfill, a quote written), its last error, how old the
// newest price it gave is, and the quality doubts about its data still waiting for a person.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "host/db/ConnectionPool.hpp"
#include "host/time/UtcTimestamp.hpp"

namespace pricefeed::host {

struct SourceError {
  std::string message;  // backfill_queue.error_message
  UtcTime at;           // the job's updated_at when it was recorded
};

struct SourceActivity {
  // max(completed_at) of the completed backfill jobs it was credited with.
  std::optional<UtcTime> last_backfill_completed_at;
  // max(latest_prices.updated_at) of the assets it quoted last: when the daemon last wrote its quote.
  std::optional<UtcTime> last_quote_written_at;
  // The newest error_message of a job attributed to it (retried, given up), whatever its status now.
  std::optional<SourceError> last_error;
  // The database's now() minus max(latest_prices.ts) over the assets it quoted last, never negative:
  // how stale the freshest price it gave is. Empty when it has quoted nothing.
  std::optional<std::chrono::seconds> freshness_lag;
  // The same for the stalest of those assets: now() minus min(latest_prices.ts). When quotes cannot
  // be had, latest_prices keeps the last known price and this age grows: the degradation made visible.
  std::optional<std::chrono::seconds> oldest_price_age;

  // Open price_anomalies of bars it gave.
  std::int64_t open_anomalies = 0;
  // price_gaps not filled (open, queued, unfillable) in history it gave: the bar before the gap is
  // its own, so the hole is in its answers.
  std::int64_t unresolved_gaps = 0;
  // Open price_divergences in which it is one of the two sources.
  std::int64_t open_divergences = 0;

  // The later of the two successes; empty when it has delivered neither.
  std::optional<UtcTime> last_success_at() const;
};

// One statement for every named source (table scans bounded by the backfill_queue and latest_prices
// rows of those sources); each name gets an entry, empty for a source with no activity yet. Throws
// what the pool and libpqxx throw.
std::map<std::string, SourceActivity> read_source_activity(ConnectionPool& pool,
                                                           const std::vector<std::string>& sources);

}  // namespace pricefeed::host
