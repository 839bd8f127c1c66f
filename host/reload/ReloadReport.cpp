#include "host/reload/ReloadReport.hpp"

#include "host/time/UtcTimestamp.hpp"

namespace pricefeed::host {

std::string_view reload_outcome_name(ReloadOutcome outcome) {
  switch (outcome) {
    case ReloadOutcome::applied:
      return "applied";
    case ReloadOutcome::unchanged:
      return "unchanged";
    case ReloadOutcome::partial:
      return "partial";
    case ReloadOutcome::refused:
      return "refused";
  }
  return "unknown";
}

nlohmann::json ReloadReport::to_json() const {
  nlohmann::json refusals = nlohmann::json::array();
  for (const auto& r : refused) {
    nlohmann::json one{{"reason", r.reason}};
    if (!r.source.empty()) one["source"] = r.source;
    if (!r.file.empty()) one["file"] = r.file;
    refusals.push_back(std::move(one));
  }
  return {{"outcome", reload_outcome_name(outcome)},
          {"at", format_utc_timestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(at))},
          {"trigger", trigger},
          {"started", started},
          {"changed", changed},
          {"stopped", stopped},
          {"unchanged", unchanged},
          {"refused", std::move(refusals)},
          {"sections", sections},
          {"restart_needed", restart_needed},
          {"errors", errors}};
}

}  // namespace pricefeed::host
