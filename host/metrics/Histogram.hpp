// A Prometheus histogram: observations counted into buckets by upper bound, with their sum.
// observe() is lock-free (one atomic add for the bucket, one for the sum), so it can time every
// upstream request.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace pricefeed::host {

// Buckets as a scrape shows them: cumulative, the last one +Inf (so it equals count).
struct HistogramSnapshot {
  std::vector<double> upper_bounds;       // finite bounds, increasing; +Inf is implied
  std::vector<std::uint64_t> cumulative;  // upper_bounds.size() + 1 counts, the last one for +Inf
  double sum = 0;
  std::uint64_t count = 0;
};

class Histogram {
 public:
  struct Options {
    // Finite and strictly increasing; +Inf is always added. Checked by the family that makes
    // the histogram (see validate_bucket_bounds).
    std::vector<double> upper_bounds;
  };
  static constexpr const char* kType = "histogram";

  explicit Histogram(const Options& options);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  // A value equal to a bound falls into that bound's bucket (Prometheus's "le"). NaN is ignored.
  void observe(double value);

  // Buckets are read one by one while observations may go on, so count is taken as the +Inf
  // bucket's total: a scrape never shows a count that disagrees with its buckets.
  HistogramSnapshot snapshot() const;

 private:
  std::vector<double> upper_bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // not cumulative; last one is +Inf
  std::atomic<double> sum_{0};
};

// Throws std::invalid_argument naming the problem when `bounds` is empty, holds a non-finite value,
// or is not strictly increasing.
void validate_bucket_bounds(const std::vector<double>& bounds);

}  // namespace pricefeed::host
