// A set of metric families that is scraped as one text: what GET /metrics answers.
//
//   MetricsRegistry registry;
//   CounterFamily& hits = registry.counter("pricefeed_rate_limit_hits_total", "...", {"source"});
//   hits.labels({"yahoo"}).inc();
//   registry.on_scrape([&] { queue_gauge.labels({}).set(read_queue()); });  // values read at scrape
//   std::string body = registry.expose();
//
// Registering a name again with the same type and labels returns the family already there, so
// two pieces of code may both name a family they share; a different type or labels throws.
// Thread-safe: families are made and looked up under a lock; expose() runs the scrape hooks and
// writes under a lock of its own, so two scrapes at once do not interleave their hooks.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "host/metrics/MetricFamily.hpp"

namespace pricefeed::host {

class MetricsRegistry {
 public:
  MetricsRegistry() = default;
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  CounterFamily& counter(std::string name, std::string help, std::vector<std::string> label_names = {});
  GaugeFamily& gauge(std::string name, std::string help, std::vector<std::string> label_names = {});
  // `upper_bounds`: finite, increasing; +Inf is added. "le" may not be a label name.
  HistogramFamily& histogram(std::string name, std::string help, std::vector<std::string> label_names,
                             std::vector<double> upper_bounds);

  // Runs before every expose(), in the order added: for values read at scrape time (the queue's
  // counts, a limiter's tokens). A hook that throws fails the scrape; hooks that read something
  // which may be down catch that themselves (see DatabaseMetrics). Whatever the hook captures
  // must outlive the registry's last scrape.
  void on_scrape(std::function<void()> hook);

  // Every family, by name, as Prometheus text (PrometheusTextWriter).
  std::string expose();
  void expose(PrometheusTextWriter& writer);

 private:
  template <class Family, class... Options>
  Family& family(std::string name, std::string help, std::vector<std::string> label_names,
                 Options&&... options);

  std::mutex families_mutex_;
  std::map<std::string, std::unique_ptr<MetricFamily>> families_;
  std::mutex scrape_mutex_;
  std::vector<std::function<void()>> hooks_;
};

}  // namespace pricefeed::host
