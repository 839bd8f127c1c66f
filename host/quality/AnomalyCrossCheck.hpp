// Asks a second source about each anomaly once: the next source of the asset class's routing chain
// after the one that gave the row, for the anomaly's day and the day before. When it shows the same
// close (within [quality] divergence_threshold_pct) the move is real and the anomaly is confirmed;
// otherwise it stays open with the disagreement recorded (verdict, the second source and its closes,
// a note). A check that cannot be made (no second source, a failed call, no bar for that day) is
// recorded as 'unavailable' and not repeated: the anomaly waits for a person.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection_base>

#include "host/quality/SecondSource.hpp"

namespace pricefeed::host {

struct AnomalyVerdict {
  std::int64_t anomaly_id = 0;
  std::string verdict;  // agrees, disagrees, unavailable
  std::string checked_source;
  std::optional<double> checked_close;
  std::string note;
};

class AnomalyCrossCheck {
 public:
  AnomalyCrossCheck(const SecondSource& second, double tolerance_pct);

  // Checks the open anomalies of `asset` not checked yet, in date order, at most `limit` of them.
  // An anomaly left unchecked because `cancelled` was set is checked next time.
  std::vector<AnomalyVerdict> check(pqxx::connection_base& connection, const AssetIdentity& asset,
                                    const std::atomic<bool>* cancelled = nullptr, int limit = 20) const;

 private:
  const SecondSource& second_;
  double tolerance_pct_;
};

}  // namespace pricefeed::host
