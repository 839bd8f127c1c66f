#pragma once

// GET /health/sources: per running source, its plugin, its rate limiter and what the database says
// about its recent work (SourceHealthReader's snapshot).
//
//   200 {"fingerprint_salt": "9f86d081884c7d659a2feaa0c55ad015",
//        "sources": [{"name": "yahoo", "plugin": "yahoo", "plugin_version": "1.2.0",
//                     "plugin_file": "/usr/lib/pricefeed/plugins/yahoo.so",
//                     "fingerprint": "<64 hex digits: SourceFingerprint.hpp>",
//                     "rate_limit": {"tokens": 4.5, "capacity": 5, "cooldown_until": null,
//                                    "requests_granted": 120, "rate_limited_responses": 0,
//                                    "callers_waiting": 0},
//                     "calls": {"consecutive_failures": 0, "last_success_at": "2026-11-25T15:40:02Z",
//                               "last_failure_at": null, "last_failure": null},
//                     "alert": null,          // "source_failing": kSourceFailingAfter failures in a row
//                     "last_success_at": "2026-11-25T15:40:02Z",
//                     "last_backfill_completed_at": "2026-11-25T15:40:02Z",
//                     "last_quote_written_at": "2026-11-25T15:30:00Z",
//                     "last_error": {"message": "HTTP 503 from ...", "at": "2026-11-24T09:12:44Z"},
//                     "freshness_lag_seconds": 1800,
//                     "oldest_price_age_seconds": 7200,
//                     // a source that streams (ABI 1.1, [stream] enabled), only then:
//                     "stream": {"connected": true, "since": "2026-11-25T15:00:00Z",
//                                "subscriptions": 40, "last_message_age_seconds": 0.4,
//                                "messages": 120000, "reconnects": 1, "dropped_frames": 0,
//                                "lag_seconds": 0.12,
//                                "connections": [{"connected": true, "since": "...",
//                                                 "subscriptions": 40, "last_message_age_seconds": 0.4,
//                                                 "failures_in_a_row": 0, "last_error": null}]}}]}
//   503 {"status": "unavailable", "reason": "database: ...", "sources": [... without the database's
//        fields]}: the rate limiters still show while the database is down.
//
// Needs the token when [http].auth_token is set (error messages are operational detail).

#include "host/health/SourceHealthReader.hpp"
#include "host/http/Router.hpp"

namespace pricefeed::host {

// The alert a source whose calls keep failing raises (SourceCallRecord::failing()).
inline constexpr const char* kSourceFailingAlert = "source_failing";

// `reader` must outlive the router.
void add_sources_health_route(Router& router, const SourceHealthReader& reader);

}  // namespace pricefeed::host
