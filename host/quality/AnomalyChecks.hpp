// The anomaly checks that follow a write of daily closes (a finished backfill job, a daemon tick):
// the moves beyond the asset class's threshold are recorded, then each anomaly of the asset not
// checked yet is cross-checked once with a second source.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include <pqxx/connection_base>

#include "host/config/Config.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/quality/AnomalyCrossCheck.hpp"
#include "host/quality/AnomalyDetector.hpp"
#include "host/quality/SecondSource.hpp"

namespace pricefeed::host {

struct AnomalyCheckReport {
  std::vector<PriceAnomaly> detected;
  std::vector<AnomalyVerdict> verdicts;
};

class AnomalyChecks {
 public:
  // All three must outlive the checks.
  AnomalyChecks(const QualityConfig& quality, const SourceRegistry& sources, const RoutingConfig& routing);

  // After daily closes of [from, to] of `asset_id` were written.
  AnomalyCheckReport after_write(pqxx::connection_base& connection, std::int64_t asset_id,
                                 std::chrono::sys_days from, std::chrono::sys_days to,
                                 const std::atomic<bool>* cancelled = nullptr) const;

  // After a daemon tick wrote today's bars of `asset_ids`: one statement finds the moves; only the
  // assets with a new anomaly are then cross-checked.
  AnomalyCheckReport after_tick(pqxx::connection_base& connection, const std::vector<std::int64_t>& asset_ids,
                                const std::atomic<bool>* cancelled = nullptr) const;

 private:
  void log_detected(const AssetIdentity& asset, const PriceAnomaly& anomaly) const;

  const QualityConfig& quality_;
  SecondSource second_;
  AnomalyCrossCheck cross_check_;
};

}  // namespace pricefeed::host
