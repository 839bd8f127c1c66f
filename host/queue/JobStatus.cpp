#include "host/queue/JobStatus.hpp"

#include <stdexcept>
#include <string>

namespace pricefeed::host {

std::string_view to_string(JobStatus status) {
  switch (status) {
    case JobStatus::pending:
      return "pending";
    case JobStatus::in_progress:
      return "in_progress";
    case JobStatus::rate_limited:
      return "rate_limited";
    case JobStatus::completed:
      return "completed";
    case JobStatus::failed:
      return "failed";
  }
  return "unknown";
}

JobStatus parse_job_status(std::string_view text) {
  for (const JobStatus status : kJobStatuses) {
    if (to_string(status) == text) return status;
  }
  throw std::invalid_argument("unknown backfill job status '" + std::string(text) + "'");
}

}  // namespace pricefeed::host
