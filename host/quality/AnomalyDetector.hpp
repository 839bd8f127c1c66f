// Finds the day-over-day moves of stored daily closes beyond a threshold and records them in price_anomalies
// (docs/quality.md "Anomalies"). The rows stay stored: an anomaly asks a person (or the cross-check) to judge
// them.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/connection_base>

#include "host/config/Config.hpp"

namespace pricefeed::host {

struct PriceAnomaly {
  std::int64_t id = 0;
  std::int64_t asset_id = 0;
  std::chrono::sys_days date{};           // the trading date of the bar that moved
  std::chrono::sys_days previous_date{};  // the stored bar before it
  double previous_close = 0;
  double close = 0;
  double change_pct = 0;
  std::string source;  // the source of the bar that moved
};

// Compares every daily close of [from, to] with the stored close before it (the day before `from`
// included, so a range's first day is judged too) and inserts the moves beyond `threshold_pct`
// (either way). Returns the anomalies newly recorded; one already recorded for a bar is left as it is.
std::vector<PriceAnomaly> detect_anomalies(pqxx::connection_base& connection, std::int64_t asset_id,
                                           std::chrono::sys_days from, std::chrono::sys_days to,
                                           double threshold_pct);

// The same for the newest stored daily close of each asset of `asset_ids` (the bar of today a daemon
// tick has just written) against the one before it, each asset judged by its class's threshold, in
// one statement whatever the number of assets.
std::vector<PriceAnomaly> detect_latest_anomalies(pqxx::connection_base& connection,
                                                  const std::vector<std::int64_t>& asset_ids,
                                                  const QualityConfig& quality);

}  // namespace pricefeed::host
