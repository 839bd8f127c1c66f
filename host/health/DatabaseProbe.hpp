// Whether PostgreSQL answers, for GET /health and the other health routes' 503s.
#pragma once

#include <exception>
#include <optional>
#include <string>

#include "host/db/ConnectionPool.hpp"

namespace pricefeed::host {

// Runs `SELECT 1` on a connection leased from `pool`; empty when it answered, else why not, on one
// line ("cannot connect to PostgreSQL at postgresql://app:***@db/pricefeed: connection refused ...").
// How long it can take is the pool's: its acquire timeout while every connection is leased, and
// libpq's connect_timeout (from the URL) when a connection must be opened. `pricefeed serve` gives
// the health routes a small pool of their own with a short acquire timeout for that reason.
std::optional<std::string> database_unreachable_reason(ConnectionPool& pool);

// An exception's message (with its nested ones, "outer: inner") on one line: libpq's messages span
// several lines, which a JSON "reason" a person reads in a dashboard should not.
std::string describe_database_error(const std::exception& error);

}  // namespace pricefeed::host
