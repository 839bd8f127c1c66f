// The streams' figures on /metrics, read at scrape time (docs/metrics.md "Streams").
#pragma once

#include "host/metrics/MetricsRegistry.hpp"
#include "host/stream/StreamService.hpp"
#include "host/stream/StreamWriter.hpp"

namespace pricefeed::host {

// `streams` and `writer` must outlive the registry's scrapes.
void add_stream_metrics(MetricsRegistry& registry, const StreamService& streams, const StreamWriter& writer);

}  // namespace pricefeed::host
