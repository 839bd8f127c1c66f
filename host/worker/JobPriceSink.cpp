#include "host/worker/JobPriceSink.hpp"

#include "host/plugins/OutputCaps.hpp"

namespace pricefeed::host {

JobPriceSink::JobPriceSink(PriceWriter& writer, BackfillQueue& queue, const ClaimedJob& job,
                           std::chrono::milliseconds lease)
    : writer_(writer),
      queue_(queue),
      job_(job),
      lease_(lease),
      renewed_at_(std::chrono::steady_clock::now()) {}

void JobPriceSink::keep_lease() {
  const auto now = std::chrono::steady_clock::now();
  if (now - renewed_at_ < lease_ / 3) return;
  if (!queue_.renew(job_, lease_)) {
    throw LeaseLost("job " + std::to_string(job_.id) + ": lease lost to another worker");
  }
  renewed_at_ = now;
}

bool JobPriceSink::on_bars(std::span<const Bar> bars) {
  keep_lease();
  writer_.write(bars);
  return true;
}

bool JobPriceSink::on_unavailable(std::int64_t start, std::int64_t end, const std::string& reason) {
  if (unavailable_.size() >= kMaxUnavailableRangesPerCall) {
    ++unavailable_dropped_;
    return true;
  }
  unavailable_.push_back({start, end, reason});
  return true;
}

bool JobPriceSink::on_action(const Action& action) {
  if (actions_.size() >= kMaxActionsPerCall) {
    ++actions_dropped_;
    return true;
  }
  actions_.push_back(action);
  return true;
}

}  // namespace pricefeed::host
