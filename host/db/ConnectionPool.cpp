#include "host/db/ConnectionPool.hpp"

#include <utility>

#include "host/db/Database.hpp"

namespace pricefeed::host {

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      connection_(std::move(other.connection_)),
      discard_(other.discard_) {}

ConnectionPool::Lease& ConnectionPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = std::exchange(other.pool_, nullptr);
    connection_ = std::move(other.connection_);
    discard_ = other.discard_;
  }
  return *this;
}

ConnectionPool::Lease::~Lease() {
  release();
}

void ConnectionPool::Lease::release() noexcept {
  if (pool_ == nullptr) return;
  std::exchange(pool_, nullptr)->give_back(std::move(connection_), discard_);
}

ConnectionPool::ConnectionPool(std::string url, std::size_t size, std::chrono::milliseconds acquire_timeout)
    : ConnectionPool([url = std::move(url)] { return open_database_connection(url); }, size,
                     acquire_timeout) {}

ConnectionPool::ConnectionPool(Connector connect, std::size_t size, std::chrono::milliseconds acquire_timeout)
    : connect_(std::move(connect)), size_(size), acquire_timeout_(acquire_timeout) {
  if (size_ == 0) throw std::invalid_argument("a database connection pool needs at least one connection");
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_ptr<pqxx::connection> connection;
  {
    std::unique_lock lock(mutex_);
    const bool free = returned_.wait_for(lock, acquire_timeout_, [&] { return leased_ < size_; });
    if (!free) {
      throw ConnectionPoolTimeout("no database connection became free within " +
                                  std::to_string(acquire_timeout_.count()) + " ms: all " +
                                  std::to_string(size_) +
                                  " of [database].pool_size are leased (raise pool_size, or something holds "
                                  "its connection too long)");
    }
    ++leased_;
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  // An idle connection may have been closed since it was returned (libpq noticed the server went
  // away on its last use); opening happens outside the lock so a slow server stalls only this caller.
  try {
    if (connection == nullptr || !connection->is_open()) connection = connect_();
  } catch (...) {
    give_back(nullptr, true);
    throw;
  }
  return Lease(this, std::move(connection));
}

void ConnectionPool::give_back(std::unique_ptr<pqxx::connection> connection, bool discard) noexcept {
  // A broken connection is dropped here, outside the lock (closing it may touch the socket).
  const bool keep = connection != nullptr && !discard && connection->is_open();
  {
    std::lock_guard lock(mutex_);
    --leased_;
    if (keep) idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

std::size_t ConnectionPool::leased() const {
  std::lock_guard lock(mutex_);
  return leased_;
}

std::size_t ConnectionPool::open_connections() const {
  std::lock_guard lock(mutex_);
  return leased_ + idle_.size();
}

}  // namespace pricefeed::host
