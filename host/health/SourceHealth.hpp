// One running source's health at one moment: what it is, its rate limiter, and (when the database
// answered) its recent activity. GET /health/sources shows it as JSON; the metrics read the same
// snapshot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "host/health/SourceActivity.hpp"
#include "host/plugins/SourceCallStreak.hpp"
#include "host/ratelimit/SourceRateLimiter.hpp"
#include "host/stream/SourceStreamStatus.hpp"
#include "host/time/UtcTimestamp.hpp"

namespace pricefeed::host {

struct SourceHealth {
  std::string name;            // the [sources.X] table's name
  std::string plugin;          // the plugin's descriptor name
  std::string plugin_version;  // the plugin's descriptor version
  std::string plugin_file;     // the file its plugin was loaded from, symlinks resolved
  // source_fingerprint() over the snapshot's salt, that file's state and the source's table: what
  // `pricefeed check-config` compares to tell a source a reload would keep from one it would change.
  std::string fingerprint;
  // Empty for a source that runs without a limiter of the host's.
  std::optional<RateLimiterState> rate_limiter;
  // RateLimiterState's cooldown_until is on the limiter's monotonic clock; this is the same instant
  // on the calendar, for people and dashboards.
  std::optional<UtcTime> cooldown_until;
  // This process's calls to it, from memory: the run of failures that raises the source_failing alert.
  SourceCallRecord calls;
  // Empty when the database could not be read (SourceHealthSnapshot::database_error says why).
  std::optional<SourceActivity> activity;
  // Its live streams (ABI 1.1), for a source that streams.
  std::optional<SourceStreamStatus> stream;
};

struct SourceHealthSnapshot {
  std::vector<SourceHealth> sources;  // in the registry's order
  std::string fingerprint_salt;       // process_fingerprint_salt(): the salt of every fingerprint
  // Set when the database part could not be read; the in-memory part is still there.
  std::optional<std::string> database_error;
};

}  // namespace pricefeed::host
