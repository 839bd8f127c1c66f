// A Prometheus gauge: a value that goes up and down (jobs waiting, tokens left). Lock-free.
#pragma once

#include <atomic>

namespace pricefeed::host {

class Gauge {
 public:
  struct Options {};
  static constexpr const char* kType = "gauge";

  explicit Gauge(const Options& = {}) {}
  Gauge(const Gauge&) = delete;
  Gauge& operator=(const Gauge&) = delete;

  void set(double value) { value_.store(value, std::memory_order_relaxed); }
  void inc(double amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
  void dec(double amount = 1) { value_.fetch_sub(amount, std::memory_order_relaxed); }

  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

}  // namespace pricefeed::host
