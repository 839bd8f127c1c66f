#include "host/metrics/Counter.hpp"

namespace pricefeed::host {

void Counter::advance_to(double total) {
  double current = value_.load(std::memory_order_relaxed);
  while (total > current && !value_.compare_exchange_weak(current, total, std::memory_order_relaxed)) {
  }
}

}  // namespace pricefeed::host
