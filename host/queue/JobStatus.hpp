// The states of a backfill job (backfill_queue.status); docs/queue-and-writing.md draws the machine.
#pragma once

#include <array>
#include <string_view>

namespace pricefeed::host {

enum class JobStatus { pending, in_progress, rate_limited, completed, failed };

inline constexpr std::array<JobStatus, 5> kJobStatuses = {JobStatus::pending, JobStatus::in_progress,
                                                          JobStatus::rate_limited, JobStatus::completed,
                                                          JobStatus::failed};

// The text stored in backfill_queue.status: "pending", "in_progress" ...
std::string_view to_string(JobStatus status);

// Throws std::invalid_argument naming the text for anything the schema does not allow.
JobStatus parse_job_status(std::string_view text);

}  // namespace pricefeed::host
