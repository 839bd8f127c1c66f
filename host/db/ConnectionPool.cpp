#include "host/db/ConnectionPool.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <utility>

#include "host/db/Database.hpp"

namespace pricefeed::host {
namespace {

// False when the server has ended an idle connection (a restart, pg_terminate_backend): it then sends
// its "terminating connection" message and closes the socket, both unasked. An idle connection has
// nothing to read, so anything waiting on its socket (or its end) means it is gone; peeking never
// blocks and costs no round trip.
bool still_connected(pqxx::connection& connection) {
  if (!connection.is_open()) return false;
  const int socket = connection.sock();
  if (socket < 0) return false;
  char byte = 0;
  const ssize_t peeked = ::recv(socket, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace

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
  // away on its last use), or the server may have ended it while it sat idle (a restart,
  // pg_terminate_backend): reading what is waiting on its socket, without a round trip, tells. Opening
  // happens outside the lock so a slow server stalls only this caller.
  try {
    if (connection != nullptr && !still_connected(*connection)) connection.reset();
    if (connection == nullptr) connection = connect_();
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
