// The consumer a job's source streams into: bars go to the PriceWriter, ranges the source cannot
// serve are kept to be recorded as gaps (host/quality/UnavailableRanges), and the job's lease is
// renewed as time goes by so that a long fetch is not taken over by another worker.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "host/db/PriceWriter.hpp"
#include "host/plugins/SourceRecords.hpp"
#include "host/quality/UnavailableRanges.hpp"
#include "host/queue/BackfillQueue.hpp"

namespace pricefeed::host {

// Thrown when a renewal finds that another worker holds the job now: nothing more may be written.
class LeaseLost : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class JobPriceSink : public HistoryConsumer {
 public:
  JobPriceSink(PriceWriter& writer, BackfillQueue& queue, const ClaimedJob& job,
               std::chrono::milliseconds lease);

  bool on_bars(std::span<const Bar> bars) override;
  bool on_unavailable(std::int64_t start, std::int64_t end, const std::string& reason) override;
  // Kept for the checks after the job (splits re-fetch stored history: host/quality/SplitRefetch).
  bool on_action(const Action& action) override;

  // Renews the lease when a third of it has passed; throws LeaseLost.
  void keep_lease();

  // At most kMaxUnavailableRangesPerCall and kMaxActionsPerCall (host/plugins/OutputCaps.hpp): the
  // first ones delivered; the rest are counted in the *_dropped() numbers, and the bars keep coming.
  const std::vector<UnavailableRange>& unavailable() const noexcept { return unavailable_; }
  const std::vector<Action>& actions() const noexcept { return actions_; }
  std::size_t unavailable_dropped() const noexcept { return unavailable_dropped_; }
  std::size_t actions_dropped() const noexcept { return actions_dropped_; }

 private:
  PriceWriter& writer_;
  BackfillQueue& queue_;
  const ClaimedJob& job_;
  std::chrono::milliseconds lease_;
  std::chrono::steady_clock::time_point renewed_at_;
  std::vector<UnavailableRange> unavailable_;
  std::vector<Action> actions_;
  std::size_t unavailable_dropped_ = 0;
  std::size_t actions_dropped_ = 0;
};

}  // namespace pricefeed::host
