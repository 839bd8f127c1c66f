// The connection pool against a real PostgreSQL: reuse, the bound on connections and on waiting,
// and recovery from a connection the server killed.
#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/db/ConnectionPool.hpp"
#include "host/db/Database.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using test::TestDatabase;
using ::testing::HasSubstr;

int backend_pid(pqxx::connection& connection) {
  pqxx::nontransaction tx(connection);
  return tx.exec("SELECT pg_backend_pid()")[0][0].as<int>();
}

TEST(ConnectionPool, AReturnedConnectionIsReused) {
  TestDatabase database;
  ConnectionPool pool(database.url(), 2);
  int first_pid = 0;
  {
    auto connection = pool.acquire();
    first_pid = backend_pid(*connection);
    EXPECT_EQ(pool.leased(), 1u);
  }
  EXPECT_EQ(pool.leased(), 0u);
  auto again = pool.acquire();
  EXPECT_EQ(backend_pid(*again), first_pid);
  EXPECT_EQ(pool.open_connections(), 1u) << "connections open lazily";
}

TEST(ConnectionPool, LeasesWorkWithTransactions) {
  TestDatabase database;
  ConnectionPool pool(database.url(), 1);
  auto connection = pool.acquire();
  pqxx::work tx(*connection);
  EXPECT_EQ(tx.exec("SELECT 40 + 2")[0][0].as<int>(), 42);
  tx.commit();
}

TEST(ConnectionPool, WaitsBoundedWhenAllAreTaken) {
  TestDatabase database;
  ConnectionPool pool(database.url(), 2, milliseconds{200});
  auto first = pool.acquire();
  auto second = pool.acquire();
  EXPECT_NE(backend_pid(*first), backend_pid(*second));
  const auto started = steady_clock::now();
  try {
    pool.acquire();
    FAIL() << "a third lease from a pool of two";
  } catch (const ConnectionPoolTimeout& error) {
    EXPECT_THAT(error.what(), HasSubstr("pool_size"));
  }
  EXPECT_GE(steady_clock::now() - started, milliseconds{200});
  EXPECT_LT(steady_clock::now() - started, seconds{5});
}

TEST(ConnectionPool, AWaitingAcquireGetsTheConnectionReturnedMeanwhile) {
  TestDatabase database;
  ConnectionPool pool(database.url(), 1, seconds{10});
  auto held = std::make_unique<ConnectionPool::Lease>(pool.acquire());
  const int pid = backend_pid(**held);
  auto waiting = std::async(std::launch::async, [&] {
    auto lease = pool.acquire();
    return backend_pid(*lease);
  });
  EXPECT_EQ(waiting.wait_for(milliseconds{100}), std::future_status::timeout);
  held.reset();
  EXPECT_EQ(waiting.get(), pid);
}

TEST(ConnectionPool, ABrokenConnectionIsReplacedOnTheNextAcquire) {
  TestDatabase database;
  ConnectionPool pool(database.url(), 1);
  int killed_pid = 0;
  {
    auto connection = pool.acquire();
    killed_pid = backend_pid(*connection);
    auto admin = database.connect();
    pqxx::nontransaction(*admin).exec_params("SELECT pg_terminate_backend($1)", killed_pid);
    EXPECT_THROW(
        {
          pqxx::work tx(*connection);
          tx.exec("SELECT 1");
        },
        pqxx::broken_connection);
  }
  auto fresh = pool.acquire();
  const int pid = backend_pid(*fresh);
  EXPECT_NE(pid, killed_pid);
  EXPECT_EQ(pool.open_connections(), 1u);
}

TEST(ConnectionPool, AnIdleConnectionTheServerEndedIsReplacedBeforeItIsLeased) {
  TestDatabase database;
  ConnectionPool pool(database.url(), 1);
  int killed_pid = 0;
  {
    auto connection = pool.acquire();
    killed_pid = backend_pid(*connection);
  }
  auto admin = database.connect();
  pqxx::nontransaction ended(*admin);
  ended.exec_params("SELECT pg_terminate_backend($1, 10000)", killed_pid);  // waits until it is gone

  auto connection = pool.acquire();  // no failed first use: the lease is a working connection
  EXPECT_NE(backend_pid(*connection), killed_pid);
  EXPECT_EQ(pool.open_connections(), 1u);
}

TEST(ConnectionPool, ADiscardedConnectionIsClosedNotReturned) {
  TestDatabase database;
  ConnectionPool pool(database.url(), 1);
  int discarded_pid = 0;
  {
    auto connection = pool.acquire();
    discarded_pid = backend_pid(*connection);
    connection.discard();
  }
  EXPECT_EQ(pool.open_connections(), 0u);
  auto fresh = pool.acquire();
  EXPECT_NE(backend_pid(*fresh), discarded_pid);
}

TEST(ConnectionPool, AFailedConnectFreesItsSlot) {
  int attempts = 0;
  ConnectionPool pool(
      [&]() -> std::unique_ptr<pqxx::connection> {
        ++attempts;
        throw DatabaseConnectionError("cannot connect to PostgreSQL at postgresql://db/x: refused");
      },
      1, milliseconds{100});
  EXPECT_THROW(pool.acquire(), DatabaseConnectionError);
  EXPECT_THROW(pool.acquire(), DatabaseConnectionError) << "not ConnectionPoolTimeout: the slot was freed";
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(pool.leased(), 0u);
}

TEST(ConnectionPool, RefusesAnEmptyPool) {
  EXPECT_THROW(ConnectionPool("postgresql:///x", 0), std::invalid_argument);
}

TEST(ConnectionPool, AMovedLeaseReturnsItsConnectionOnce) {
  TestDatabase database;
  ConnectionPool pool(database.url(), 1);
  {
    auto lease = pool.acquire();
    ConnectionPool::Lease moved = std::move(lease);
    EXPECT_EQ(pool.leased(), 1u);
  }
  EXPECT_EQ(pool.leased(), 0u);
  EXPECT_EQ(pool.open_connections(), 1u);
}

}  // namespace
}  // namespace pricefeed::host
