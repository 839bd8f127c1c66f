#include "host/http/HttpConnectionPool.hpp"

#include <vector>

#include "host/http/HttpClientConnection.hpp"

namespace pricefeed::host {

HttpConnectionPool::HttpConnectionPool(Limits limits) : limits_(limits) {}

HttpConnectionPool::~HttpConnectionPool() = default;

std::unique_ptr<HttpClientConnection> HttpConnectionPool::take(const HttpOrigin& origin) {
  for (;;) {
    std::unique_ptr<HttpClientConnection> candidate;
    std::vector<std::unique_ptr<HttpClientConnection>> expired;  // closed after the lock is released
    {
      std::lock_guard guard(mutex_);
      const auto now = std::chrono::steady_clock::now();
      for (auto it = idle_.begin(); it != idle_.end();) {
        if (now - (*it)->idle_since() > limits_.max_idle_time) {
          expired.push_back(std::move(*it));
          it = idle_.erase(it);
        } else if (!candidate && (*it)->origin() == origin) {
          candidate = std::move(*it);
          it = idle_.erase(it);
        } else {
          ++it;
        }
      }
    }
    if (!candidate) return nullptr;
    if (candidate->idle_and_open()) return candidate;
    // Closed by the server while idle: drop it and look for another.
  }
}

void HttpConnectionPool::put(std::unique_ptr<HttpClientConnection> connection) {
  std::vector<std::unique_ptr<HttpClientConnection>> evicted;  // closed after the lock is released
  connection->mark_idle();
  const HttpOrigin origin = connection->origin();
  std::lock_guard guard(mutex_);
  idle_.push_front(std::move(connection));

  std::size_t same_origin = 0;
  for (auto it = idle_.begin(); it != idle_.end();) {
    if ((*it)->origin() == origin && ++same_origin > limits_.max_idle_per_origin) {
      evicted.push_back(std::move(*it));
      it = idle_.erase(it);
    } else {
      ++it;
    }
  }
  while (idle_.size() > limits_.max_idle) {
    evicted.push_back(std::move(idle_.back()));
    idle_.pop_back();
  }
}

std::size_t HttpConnectionPool::idle_count() const {
  std::lock_guard guard(mutex_);
  return idle_.size();
}

std::size_t HttpConnectionPool::idle_count(const HttpOrigin& origin) const {
  std::lock_guard guard(mutex_);
  std::size_t count = 0;
  for (const auto& connection : idle_)
    count += connection->origin() == origin ? 1 : 0;
  return count;
}

}  // namespace pricefeed::host
