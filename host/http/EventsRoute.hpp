#pragma once

// POST /v1/events (docs/events.md "HTTP"): hands the body to the EventInbox.
//
//   202 {"event_id": "t-1", "status": "accepted"}   stored; handled right after or by the listener
//   200 {"event_id": "t-1", "status": "duplicate"}  stored before; nothing changed
//   400 {"error": "date: 2026-13-01 is not a real date", "field": "date"}
//   415 {"error": ...}  a Content-Type other than JSON (none at all is read as JSON)
//   503 {"error": ...}  the database is unreachable: the event was NOT stored; retry (Retry-After: 5)
//
// The route needs the bearer token when [http].auth_token is set (Router, RouteAccess::bearer_token).

#include "host/http/Router.hpp"

namespace pricefeed::host {

class EventInbox;

// `inbox` must outlive the router.
void add_events_route(Router& router, const EventInbox& inbox);

}  // namespace pricefeed::host
