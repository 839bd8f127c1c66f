#include "host/quality/AnomalyChecks.hpp"

#include "host/log/Log.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {

AnomalyChecks::AnomalyChecks(const QualityConfig& quality, const SourceRegistry& sources,
                             const RoutingConfig& routing)
    : quality_(quality), second_(sources, routing), cross_check_(second_, quality.divergence_threshold_pct) {}

AnomalyCheckReport AnomalyChecks::after_write(pqxx::connection_base& connection, std::int64_t asset_id,
                                              std::chrono::sys_days from, std::chrono::sys_days to,
                                              const std::atomic<bool>* cancelled) const {
  const AssetIdentity asset = load_asset_identity(connection, asset_id);
  AnomalyCheckReport report;
  report.detected =
      detect_anomalies(connection, asset_id, from, to, quality_.spike_threshold_for(asset.asset_class));
  for (const PriceAnomaly& a : report.detected)
    log_detected(asset, a);
  report.verdicts = cross_check_.check(connection, asset, cancelled);
  return report;
}

AnomalyCheckReport AnomalyChecks::after_tick(pqxx::connection_base& connection,
                                             const std::vector<std::int64_t>& asset_ids,
                                             const std::atomic<bool>* cancelled) const {
  AnomalyCheckReport report;
  report.detected = detect_latest_anomalies(connection, asset_ids, quality_);
  std::int64_t checked = 0;  // anomalies come ordered by asset: one cross-check per asset
  for (const PriceAnomaly& a : report.detected) {
    const AssetIdentity asset = load_asset_identity(connection, a.asset_id);
    log_detected(asset, a);
    if (a.asset_id == checked || (cancelled != nullptr && *cancelled)) continue;
    checked = a.asset_id;
    auto verdicts = cross_check_.check(connection, asset, cancelled);
    std::move(verdicts.begin(), verdicts.end(), std::back_inserter(report.verdicts));
  }
  return report;
}

void AnomalyChecks::log_detected(const AssetIdentity& asset, const PriceAnomaly& a) const {
  log_warn("price anomaly", {{"anomaly_id", a.id},
                             {"asset_id", asset.id},
                             {"symbol", asset.symbol},
                             {"date", format_iso_date(a.date)},
                             {"previous_close", a.previous_close},
                             {"close", a.close},
                             {"change_pct", a.change_pct},
                             {"source", a.source}});
}

}  // namespace pricefeed::host
