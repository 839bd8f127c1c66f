// A backfill job as a worker holds it after a claim: everything it needs to run the job without
// another query, and the lease it must keep (worker_id) to record the outcome.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "host/assets/AssetClass.hpp"
#include "host/time/Resolution.hpp"

namespace pricefeed::host {

// A source that answered not_found or permanent for this job, and what it said.
struct ExhaustedSource {
  std::string source;
  std::string reason;

  bool operator==(const ExhaustedSource&) const = default;
};

struct ClaimedJob {
  std::int64_t id = 0;
  std::string worker_id;  // the lease holder: outcomes are recorded only while it still holds it

  std::int64_t asset_id = 0;
  std::string symbol;
  AssetClass asset_class = AssetClass::stock;
  nlohmann::json source_ids = nlohmann::json::object();  // assets.source_ids: source -> its id

  std::chrono::sys_days start_date{};  // first trading date, inclusive
  std::chrono::sys_days end_date{};    // last trading date, inclusive
  Resolution resolution = Resolution::day;

  int attempts = 0;  // failed attempts so far (transient, rate-limited, expired leases)
  int max_attempts = 0;
  int timeouts = 0;  // attempts that ended in a request timeout: each doubles the next one's timeout
  std::optional<std::string> source;  // the source tried last, if any
  std::vector<ExhaustedSource> exhausted_sources;

  bool is_exhausted(std::string_view source_name) const;

  // What `source_name` calls this asset (host/assets/SourceSymbol.hpp).
  std::string symbol_for(std::string_view source_name) const;
};

}  // namespace pricefeed::host
