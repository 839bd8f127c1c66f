// Each running source's recent calls as read at scrape time (SourceInstance::calls()), for an alert
// rule on a source that keeps failing (docs/resilience.md, "Degradation"):
//
//   pricefeed_source_failing{source}               1 once kSourceFailingAfter calls in a row failed
//                                                  (the "source_failing" alert of /health/sources)
//   pricefeed_source_consecutive_failures{source}  the current run of failed calls
//
//   alert: PricefeedSourceFailing   expr: pricefeed_source_failing == 1   for: 15m
#pragma once

#include "host/metrics/MetricsRegistry.hpp"
#include "host/plugins/SourceRegistry.hpp"

namespace pricefeed::host {

// `sources` must outlive the registry's last scrape.
void add_source_call_gauges(MetricsRegistry& registry, const SourceRegistry& sources);

}  // namespace pricefeed::host
