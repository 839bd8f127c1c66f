// A metric family: one name, HELP text and type, and one child metric per combination of label
// values (pricefeed_rows_written_total{source="yahoo"}, {source="binance"} ...).
//
//   CounterFamily& rows = registry.counter("pricefeed_rows_written_total", "...", {"source"});
//   rows.labels({"yahoo"}).inc(250);
//
// labels() finds an existing child under a short lock without allocating (the lookup compares the
// string_views given against the stored values); only the first use of a combination allocates.
// Children live as long as the family, so a caller may keep the reference and skip the lookup.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "host/metrics/Counter.hpp"
#include "host/metrics/Gauge.hpp"
#include "host/metrics/Histogram.hpp"
#include "host/metrics/PrometheusTextWriter.hpp"

namespace pricefeed::host {

class MetricFamily {
 public:
  // Throws std::invalid_argument when the name is not a Prometheus metric name
  // ([a-zA-Z_:][a-zA-Z0-9_:]*), a label name is not one ([a-zA-Z_][a-zA-Z0-9_]*, not starting
  // with "__"), or a label name repeats.
  MetricFamily(std::string name, std::string help, std::vector<std::string> label_names);
  virtual ~MetricFamily() = default;
  MetricFamily(const MetricFamily&) = delete;
  MetricFamily& operator=(const MetricFamily&) = delete;

  const std::string& name() const noexcept { return name_; }
  const std::string& help() const noexcept { return help_; }
  const std::vector<std::string>& label_names() const noexcept { return label_names_; }
  virtual std::string_view type() const noexcept = 0;

  // The HELP and TYPE lines and one sample (or a histogram's lines) per child, in label order.
  virtual void write(PrometheusTextWriter& writer) const = 0;

 protected:
  // Throws std::invalid_argument when `count` is not the number of label names.
  void check_label_count(std::size_t count) const;

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
};

template <class Metric>
class LabelledFamily final : public MetricFamily {
 public:
  LabelledFamily(std::string name, std::string help, std::vector<std::string> label_names,
                 typename Metric::Options options = {})
      : MetricFamily(std::move(name), std::move(help), std::move(label_names)),
        options_(std::move(options)) {}

  std::string_view type() const noexcept override { return Metric::kType; }

  // The child for these label values (in the order of label_names()), made on first use.
  Metric& labels(std::initializer_list<std::string_view> values = {}) {
    check_label_count(values.size());
    std::lock_guard lock(mutex_);
    if (auto found = children_.find(values); found != children_.end()) return *found->second;
    auto [inserted, _] = children_.emplace(std::vector<std::string>(values.begin(), values.end()),
                                           std::make_unique<Metric>(options_));
    return *inserted->second;
  }

  // Forgets every child: for a family filled at scrape time whose source could not be read, so a
  // scrape shows no value rather than a stale one. References to children die with them.
  void clear() {
    std::lock_guard lock(mutex_);
    children_.clear();
  }

  void write(PrometheusTextWriter& writer) const override {
    writer.family_header(name(), help(), type());
    std::lock_guard lock(mutex_);
    for (const auto& [values, metric] : children_) {
      if constexpr (std::is_same_v<Metric, Histogram>)
        writer.histogram(name(), label_names(), values, metric->snapshot());
      else
        writer.sample(name(), label_names(), values, metric->value());
    }
  }

 private:
  // Orders label-value lists so a stored std::vector<std::string> can be found with an
  // initializer_list<std::string_view>, allocating nothing.
  struct LabelValuesLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                          [](std::string_view x, std::string_view y) { return x < y; });
    }
  };

  typename Metric::Options options_;
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>, LabelValuesLess> children_;
};

using CounterFamily = LabelledFamily<Counter>;
using GaugeFamily = LabelledFamily<Gauge>;
using HistogramFamily = LabelledFamily<Histogram>;

}  // namespace pricefeed::host
