// A small, thread-safe pool of PostgreSQL connections ([database].pool_size of them), leased one
// at a time:
//
//   auto connection = pool.acquire();   // waits (bounded) while every connection is leased
//   pqxx::work tx(*connection);
//   ...
//   tx.commit();
//                                       // the lease returns the connection when it goes out of scope
//
// Connections are opened lazily, up to the pool's size. A connection that broke while leased (the
// server restarted, pg_terminate_backend, a network cut: pqxx::broken_connection) is closed when
// its lease ends and a new one is opened by a later acquire, so one outage does not poison the pool.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/connection>

namespace pricefeed::host {

// Every connection stayed leased for the whole acquire timeout.
class ConnectionPoolTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::chrono::milliseconds kDefaultAcquireTimeout{std::chrono::seconds{30}};

class ConnectionPool {
 public:
  // Opens one connection; throws (DatabaseConnectionError) when it cannot.
  using Connector = std::function<std::unique_ptr<pqxx::connection>()>;

  // One leased connection; moves, never copies. Returns it to the pool when destroyed. The pool
  // must outlive its leases.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    pqxx::connection& operator*() const { return *connection_; }
    pqxx::connection* operator->() const { return connection_.get(); }

    // Closes the connection instead of returning it, for a caller that knows it is unusable even
    // though libpq still thinks it open (e.g. a protocol error in the middle of a COPY).
    void discard() { discard_ = true; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    void release() noexcept;

    ConnectionPool* pool_ = nullptr;
    std::unique_ptr<pqxx::connection> connection_;
    bool discard_ = false;
  };

  // `url` as for open_database_connection. `size` >= 1 (std::invalid_argument otherwise).
  ConnectionPool(std::string url, std::size_t size,
                 std::chrono::milliseconds acquire_timeout = kDefaultAcquireTimeout);
  ConnectionPool(Connector connect, std::size_t size,
                 std::chrono::milliseconds acquire_timeout = kDefaultAcquireTimeout);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // An idle connection, or a new one while fewer than size() are open; otherwise waits up to the
  // acquire timeout for a lease to end, then throws ConnectionPoolTimeout. Throws
  // DatabaseConnectionError when a needed connection cannot be opened (the slot stays free).
  Lease acquire();

  std::size_t size() const { return size_; }
  // Connections leased right now.
  std::size_t leased() const;
  // Connections open right now, leased or idle.
  std::size_t open_connections() const;

 private:
  void give_back(std::unique_ptr<pqxx::connection> connection, bool discard) noexcept;

  Connector connect_;
  std::size_t size_;
  std::chrono::milliseconds acquire_timeout_;

  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::size_t leased_ = 0;
};

}  // namespace pricefeed::host
