#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include <pqxx/connection>

namespace pricefeed::host {

// Raised when PostgreSQL cannot be reached or refuses the connection. The message names the
// connection string with its password redacted, and carries libpq's reason.
class DatabaseConnectionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Opens one connection. libpqxx 6 connections can be neither copied nor moved, hence the pointer.
// Throws DatabaseConnectionError, e.g.
//   "cannot connect to PostgreSQL at postgresql://app:***@db:5432/pricefeed: connection refused ..."
std::unique_ptr<pqxx::connection> open_database_connection(const std::string& url);

}  // namespace pricefeed::host
