#pragma once

// How the inbox reaches PostgreSQL for one call, without owning the policy: `pricefeed serve` hands
// it a lease from host/db's ConnectionPool, a test or a one-shot tool a fresh connection.
//
//   WithConnection pooled = [&pool](const ConnectionWork& work) {
//     auto lease = pool.acquire();
//     work(*lease);
//   };

#include <functional>
#include <string>

#include <pqxx/connection>

namespace pricefeed::host {

using ConnectionWork = std::function<void(pqxx::connection&)>;

// Runs `work` on a connection that is the caller's alone for the call. Throws what opening one throws
// (DatabaseConnectionError, ConnectionPoolTimeout) and what `work` throws.
using WithConnection = std::function<void(const ConnectionWork& work)>;

// Opens a new connection for each call and closes it afterwards: no pool to size, at the cost of a
// connection set-up per call.
WithConnection connection_per_call(std::string database_url);

}  // namespace pricefeed::host
