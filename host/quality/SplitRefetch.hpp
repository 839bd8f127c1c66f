// Splits a source reports (Yahoo's split events, through the history sink's action callback): every
// close stored before the split was known is on the old share count, while the source now answers
// adjusted ones. Each split is recorded once (asset_splits) and, when stored bars it did not come
// with precede it, the asset's whole stored range is fetched again by one job whose upsert replaces
// them, so close and adj_close agree across the split. docs/quality.md "Splits".
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection_base>

#include "host/plugins/SourceRecords.hpp"
#include "host/quality/GapFinder.hpp"

namespace pricefeed::host {

struct ReportedSplit {
  std::chrono::sys_days date{};  // the first trading day on the new share count
  double numerator = 1;          // 4:1 -> numerator 4, denominator 1
  double denominator = 1;
  std::string source;
};

// The splits among `actions` (dividends are not acted on), credited to `source`.
std::vector<ReportedSplit> splits_among(const std::vector<Action>& actions, const std::string& source);

struct SplitOutcome {
  std::int64_t split_id = 0;
  std::optional<std::int64_t> refetch_job_id;  // empty: nothing stored needed re-fetching
};

class SplitRefetch {
 public:
  // `max_attempts`: [worker] max_attempts, the budget of the re-fetch job.
  explicit SplitRefetch(int max_attempts);

  // Records each split of the asset not recorded yet and queues its re-fetch when stored 1d bars
  // before the split date lie outside `fetched` (the range the reporting job has just written,
  // already adjusted). A split already recorded is skipped: the re-fetch job reports it again.
  // Logged ("split detected": asset_id, source, ratio) and returned, new splits only.
  std::vector<SplitOutcome> handle(pqxx::connection_base& connection, std::int64_t asset_id,
                                   const std::vector<ReportedSplit>& splits,
                                   std::optional<DateRange> fetched) const;

 private:
  int max_attempts_;
};

}  // namespace pricefeed::host
