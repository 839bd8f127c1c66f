#include "host/health/SourceCallGauges.hpp"

namespace pricefeed::host {

void add_source_call_gauges(MetricsRegistry& registry, const SourceRegistry& sources) {
  auto& failing = registry.gauge("pricefeed_source_failing",
                                 "1 while a source's last calls all failed (the source_failing alert of "
                                 "/health/sources), else 0.",
                                 {"source"});
  auto& run = registry.gauge("pricefeed_source_consecutive_failures",
                             "Calls to a source that failed in a row since its last success.", {"source"});
  registry.on_scrape([&sources, &failing = failing, &run = run] {
    for (const auto& instance : sources.instances()) {
      const SourceCallRecord calls = instance->calls();
      failing.labels({instance->name()}).set(calls.failing() ? 1 : 0);
      run.labels({instance->name()}).set(static_cast<double>(calls.consecutive_failures));
    }
  });
}

}  // namespace pricefeed::host
