// Whether a database connection keeps one PostgreSQL session from one transaction to the next, as
// LISTEN and session advisory locks need (docs/cluster.md "Through PgBouncer"). A direct connection
// and PgBouncer in session pooling mode do. PgBouncer in transaction pooling mode does not: between
// transactions the client is handed whichever server connection is free, so a LISTEN stays behind on
// the server connection that ran it, and a session lock is held by a connection nobody holds.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

#include <pqxx/connection_base>

namespace pricefeed::host {

// Raised by require_session; the message names the connection (password redacted) and the fix.
class DatabaseSessionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Asked, not guessed from server parameters. A connection whose backend is the one it was given at
// connect time (PQbackendPID equals pg_backend_pid(): a pooler hands out keys of its own) is direct:
// one round trip. Any other is asked whether it receives a notification sent by a second connection to
// `url` on a channel of its own within `wait`: true through a session pooler, false through a
// transaction pooler, whose client gets no server connection while it waits.
bool keeps_its_session(pqxx::connection_base& connection, const std::string& url,
                       std::chrono::milliseconds wait = std::chrono::seconds(5));

// Throws DatabaseSessionError when keeps_its_session is false, e.g.
//   "the migration lock needs a connection that keeps its session, and postgresql://app:***@bouncer/db
//    does not (PgBouncer in transaction pooling mode?): set [database] session_url to a direct
//    connection to PostgreSQL (docs/cluster.md "Through PgBouncer")"
void require_session(pqxx::connection_base& connection, const std::string& url, std::string_view needed_by);

}  // namespace pricefeed::host
