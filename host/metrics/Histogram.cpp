#include "host/metrics/Histogram.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pricefeed::host {

Histogram::Histogram(const Options& options)
    : upper_bounds_(options.upper_bounds),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(options.upper_bounds.size() + 1)) {}

void Histogram::observe(double value) {
  if (std::isnan(value)) return;
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) - upper_bounds_.begin());
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

HistogramSnapshot Histogram::snapshot() const {
  HistogramSnapshot out;
  out.upper_bounds = upper_bounds_;
  out.cumulative.reserve(upper_bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= upper_bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    out.cumulative.push_back(running);
  }
  out.count = running;
  out.sum = sum_.load(std::memory_order_relaxed);
  return out;
}

void validate_bucket_bounds(const std::vector<double>& bounds) {
  if (bounds.empty()) throw std::invalid_argument("histogram buckets: at least one finite bound is needed");
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]))
      throw std::invalid_argument("histogram buckets: bound " + std::to_string(i) +
                                  " is not finite (+Inf is added by itself)");
    if (i > 0 && !(bounds[i] > bounds[i - 1]))
      throw std::invalid_argument("histogram buckets: bound " + std::to_string(i) + " (" +
                                  std::to_string(bounds[i]) + ") is not above the one before it");
  }
}

}  // namespace pricefeed::host
