#pragma once

// POST /v1/admin/reload (bearer token): reloads the configuration and the plugins now, as SIGHUP does,
// and answers once the reload has run, with its report (host/reload/ReloadReport, docs/reload.md):
//
//   200 {"outcome": "applied", "started": [...], "changed": [...], "stopped": [...], ...}
//   422 {"outcome": "refused", "errors": ["/etc/pricefeed/pricefeed.toml:12: worker.batch_size: ..."]}
//
// 200 also for "unchanged" and "partial" (a refused source is named in "refused"); 422 when nothing
// changed because the configuration could not be used. A reload running already is waited for.

#include "host/http/Router.hpp"
#include "host/reload/ConfigReloader.hpp"

namespace pricefeed::host {

// `reloader` must outlive the router.
void add_admin_reload_route(Router& router, ConfigReloader& reloader);

}  // namespace pricefeed::host
