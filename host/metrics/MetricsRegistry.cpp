#include "host/metrics/MetricsRegistry.hpp"

#include <algorithm>

namespace pricefeed::host {

template <class Family, class... Options>
Family& MetricsRegistry::family(std::string name, std::string help, std::vector<std::string> label_names,
                                Options&&... options) {
  std::lock_guard lock(families_mutex_);
  if (auto found = families_.find(name); found != families_.end()) {
    auto* same = dynamic_cast<Family*>(found->second.get());
    if (same == nullptr || same->label_names() != label_names)
      throw std::invalid_argument("metric " + name + " is already registered as a " +
                                  std::string(found->second->type()) + " with other labels or type");
    return *same;
  }
  auto made = std::make_unique<Family>(name, std::move(help), std::move(label_names),
                                       std::forward<Options>(options)...);
  Family& out = *made;
  families_.emplace(std::move(name), std::move(made));
  return out;
}

CounterFamily& MetricsRegistry::counter(std::string name, std::string help,
                                        std::vector<std::string> label_names) {
  return family<CounterFamily>(std::move(name), std::move(help), std::move(label_names));
}

GaugeFamily& MetricsRegistry::gauge(std::string name, std::string help,
                                    std::vector<std::string> label_names) {
  return family<GaugeFamily>(std::move(name), std::move(help), std::move(label_names));
}

HistogramFamily& MetricsRegistry::histogram(std::string name, std::string help,
                                            std::vector<std::string> label_names,
                                            std::vector<double> upper_bounds) {
  if (std::find(label_names.begin(), label_names.end(), "le") != label_names.end())
    throw std::invalid_argument("histogram " + name + ": \"le\" is the bucket label and cannot be another");
  try {
    validate_bucket_bounds(upper_bounds);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("histogram " + name + ": " + e.what());
  }
  return family<HistogramFamily>(std::move(name), std::move(help), std::move(label_names),
                                 Histogram::Options{std::move(upper_bounds)});
}

void MetricsRegistry::on_scrape(std::function<void()> hook) {
  std::lock_guard lock(scrape_mutex_);
  hooks_.push_back(std::move(hook));
}

void MetricsRegistry::expose(PrometheusTextWriter& writer) {
  std::lock_guard scrape(scrape_mutex_);
  for (const auto& hook : hooks_)
    hook();
  std::lock_guard lock(families_mutex_);
  for (const auto& [name, family] : families_)
    family->write(writer);
}

std::string MetricsRegistry::expose() {
  PrometheusTextWriter writer;
  expose(writer);
  return writer.take();
}

}  // namespace pricefeed::host
