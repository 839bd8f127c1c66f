#include "host/quality/JobQualityChecks.hpp"

namespace pricefeed::host {

JobQualityChecks::JobQualityChecks(const GapFinder* finder, const RoutingConfig& routing, int max_attempts)
    : finder_(finder), splits_(max_attempts) {
  if (finder_ != nullptr) scheduler_.emplace(*finder_, routing, max_attempts);
}

void JobQualityChecks::after_job(pqxx::connection_base& connection, const ClaimedJob& job,
                                 const std::string& completed_by, const std::vector<Action>& actions,
                                 std::chrono::sys_seconds now) const {
  if (scheduler_) scheduler_->recheck_after_job(connection, job.id);
  if (completed_by.empty()) return;
  splits_.handle(connection, job.asset_id, splits_among(actions, completed_by),
                 DateRange{job.start_date, job.end_date});
  if (finder_ != nullptr && job.resolution == Resolution::day) {
    finder_->record_gaps(connection, job.asset_id, job.start_date, job.end_date, now);
    scheduler_->schedule_open_gaps(connection, job.asset_id);
  }
}

}  // namespace pricefeed::host
