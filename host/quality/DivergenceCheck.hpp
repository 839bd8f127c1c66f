// The daily cross-source check (docs/quality.md, "Cross-source divergence"): for every tracked asset
// whose class has a second source in the routing, the stored closes of the last completed trading
// days are compared with that source's, and the closes that differ by more than [quality]
// divergence_threshold_pct are recorded in price_divergences. Stored rows are not changed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>

#include <pqxx/connection_base>

#include "host/config/Config.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/quality/SecondSource.hpp"

namespace pricefeed::host {

struct DivergenceReport {
  std::size_t assets = 0;      // assets compared
  std::size_t compared = 0;    // closes compared
  std::size_t recorded = 0;    // divergences newly recorded
  std::size_t unanswered = 0;  // assets whose second source failed
};

class DivergenceCheck {
 public:
  // How many days before `today` the check looks at: a day of a source that publishes a close only
  // the next day (CoinGecko) is settled by then, and a weekend or a holiday leaves at least one.
  static constexpr int kDaysBack = 4;

  DivergenceCheck(const QualityConfig& quality, const SourceRegistry& sources, const RoutingConfig& routing);

  // Compares the stored daily closes of [today - kDaysBack, today - 1].
  DivergenceReport run(pqxx::connection_base& connection, std::chrono::sys_days today,
                       const std::atomic<bool>* cancelled = nullptr) const;

 private:
  const QualityConfig& quality_;
  const RoutingConfig& routing_;
  SecondSource second_;
};

}  // namespace pricefeed::host
