// A Prometheus counter: a total that only goes up (requests made, rows written). Lock-free: an
// increment is one atomic add, so it can sit on any hot path.
#pragma once

#include <atomic>

namespace pricefeed::host {

class Counter {
 public:
  struct Options {};
  static constexpr const char* kType = "counter";

  explicit Counter(const Options& = {}) {}
  Counter(const Counter&) = delete;
  Counter& operator=(const Counter&) = delete;

  // A negative amount is ignored: a counter that went down would read as a restart to Prometheus.
  void inc(double amount = 1) {
    if (amount > 0) value_.fetch_add(amount, std::memory_order_relaxed);
  }

  // Raises the counter to `total` when that is higher: for totals another object keeps (a rate
  // limiter's granted requests), copied in at scrape time without ever going down.
  void advance_to(double total);

  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

}  // namespace pricefeed::host
